"""grades"""
