"""The response skeleton as a Word document (python-docx): the same blocks as the Markdown
draft (section55/draft.py), headings, links, bullets and quotes in Word's own styles."""
from __future__ import annotations

import io

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

from section55.draft import DraftInput, build_blocks


def _add_hyperlink(paragraph, text: str, url: str) -> None:
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), str(RGBColor(0x05, 0x63, 0xC1)))
    props.append(colour)
    props.append(underline)
    run.append(props)
    label = OxmlElement("w:t")
    label.text = text
    run.append(label)
    link.append(run)
    paragraph._p.append(link)


def draft_docx(d: DraftInput) -> bytes:
    """The skeleton as a Word document (python-docx), same blocks as the Markdown."""
    document = docx.Document()
    document.core_properties.title = f"Section 55 response: {d.title}"
    for b in build_blocks(d):
        if b.kind == "heading":
            paragraph = document.add_heading(level=b.level - 1)
            paragraph.add_run(b.text).bold = True
        elif b.kind == "link":
            _add_hyperlink(document.add_paragraph(), b.text, b.url or "#")
        elif b.kind == "bullet":
            document.add_paragraph(b.text, style="List Bullet")
        elif b.kind == "quote":
            document.add_paragraph().add_run(b.text).italic = True
        else:
            document.add_paragraph(b.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
