"""Scrapy project and the per-document stages: section discovery, extraction, understanding."""
