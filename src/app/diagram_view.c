/* diagram_view.c - being written */
typedef int smr_placeholder_diagram_view;
