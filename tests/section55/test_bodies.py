from datetime import date

import pytest

from section55.bodies import NoLocalPolicingBody, body_on


@pytest.mark.parametrize("force_id, day, name, lpb_type", [
    ("south-yorkshire", date(2024, 5, 6), "Police and Crime Commissioner for South Yorkshire",
     "pcc"),
    ("south-yorkshire", date(2024, 5, 7), "Mayor of South Yorkshire", "mayor"),
    ("greater-manchester", date(2017, 5, 7),
     "Police and Crime Commissioner for Greater Manchester", "pcc"),
    ("greater-manchester", date(2017, 5, 8), "Mayor of Greater Manchester", "mayor"),
    ("west-yorkshire", date(2021, 5, 9), "Police and Crime Commissioner for West Yorkshire",
     "pcc"),
    ("west-yorkshire", date(2021, 5, 10), "Mayor of West Yorkshire", "mayor"),
    ("essex", date(2017, 9, 30), "Police and Crime Commissioner for Essex", "pcc"),
    ("essex", date(2017, 10, 1), "Police, Fire and Crime Commissioner for Essex", "pfcc"),
    ("north-yorkshire", date(2024, 5, 7), "Mayor of York and North Yorkshire", "mayor"),
    ("norfolk", date(2025, 8, 28), "Police and Crime Commissioner for Norfolk", "pcc"),
    ("norfolk", date(2012, 11, 21), "Norfolk Police Authority", "police-authority"),
])
def test_body_in_office_on_the_day(force_id, day, name, lpb_type):
    body = body_on(force_id, day)
    assert (body.name, body.lpb_type) == (name, lpb_type)


def test_unknown_force_is_a_clear_error():
    with pytest.raises(NoLocalPolicingBody, match="unknown force id 'atlantis'"):
        body_on("atlantis", date(2025, 1, 1))


def test_day_with_no_body_is_a_clear_error():
    with pytest.raises(NoLocalPolicingBody, match="metropolitan on 1999-01-01"):
        body_on("metropolitan", date(1999, 1, 1))
