"""The manager's browser app (Streamlit): pages in `pages/`, shared pieces beside them.

Only this package and `streamlit_app.py` import Streamlit, and within it only the pages and
`state`, `widgets` and `charts`; `workspace`, `settings_form`, `jobs`, `views`, `format` and
`capacity_run` (the Capacity plan page's solve, check, tables and downloads) are plain Python,
tested without a browser.
"""
