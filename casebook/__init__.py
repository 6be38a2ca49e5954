"""The Transformation Casebook pipeline: load -> validate -> model -> render -> write."""
