"""Browser front end (placeholder until the app issue): points managers to the CLI for now."""

import streamlit as st

st.set_page_config(page_title="Staffing planner", layout="wide")
st.title("Staffing & training planner")
st.write(
    "The browser app is being built. Today the planner runs from the command line: "
    "`planner solve data/contact-centre --out out/contact-centre`."
)
