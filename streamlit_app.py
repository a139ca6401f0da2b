"""The manager's browser app: `streamlit run streamlit_app.py`.

A thin router: page setup, the session state (initialised once, in `planner.ui.state`), the
sidebar, and `st.navigation` over the pages in `planner/ui/pages/`.
"""

import streamlit as st

from planner.ui import state, widgets

st.set_page_config(page_title="Staffing planner", page_icon=":material/calendar_month:", layout="wide")
state.init_state()
state.collect_finished_job()

navigation = st.navigation(
    [
        st.Page(widgets.PAGES["data"], title="Data", icon=":material/table_view:", default=True),
        st.Page(widgets.PAGES["rules"], title="Rules & costs", icon=":material/tune:"),
        st.Page(widgets.PAGES["solve"], title="Solve", icon=":material/play_circle:"),
        st.Page(widgets.PAGES["results"], title="Results", icon=":material/insights:"),
        st.Page(widgets.PAGES["export"], title="Export", icon=":material/download:"),
        st.Page(widgets.PAGES["capacity"], title="Capacity plan", icon=":material/groups:"),
    ]
)
widgets.sidebar()
navigation.run()
