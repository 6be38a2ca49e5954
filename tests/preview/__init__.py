"""Tests of casebook/preview/."""
