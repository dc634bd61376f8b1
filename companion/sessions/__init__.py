"""The quiet session: flow templates, check-ins and the help rule, the flow itself on an injected
clock, its history kept in the encrypted journal, and honest progress figures."""
