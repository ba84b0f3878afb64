"""Renderings of the attendance table (:mod:`handlers.exports`): XLSX, CSV and a PNG chart.

Imported one module at a time: ``bot.reports.chart`` pulls in matplotlib, which is slow
to load, and nothing else needs it.
"""
