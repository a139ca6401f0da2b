"""The manager's browser app (Streamlit): pages in `pages/`, shared pieces beside them.

Only this package and `streamlit_app.py` import Streamlit, and within it only the pages and
`state`, `widgets` and `charts`; `workspace`, `settings_form`, `jobs`, `views` and `format`
are plain Python, tested without a browser.
"""
