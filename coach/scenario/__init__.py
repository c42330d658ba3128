"""Scenarios: the file format, the criteria library, loading and validation."""

from coach.scenario.catalog import (
    Catalog,
    CatalogError,
    load_catalog,
    load_criteria,
    load_paths,
)
from coach.scenario.criteria import CriteriaLibrary, Criterion
from coach.scenario.loader import ScenarioFile
from coach.scenario.model import LEVELS, Scenario
from coach.scenario.problems import Problem

__all__ = [
    "LEVELS",
    "Catalog",
    "CatalogError",
    "Criterion",
    "CriteriaLibrary",
    "Problem",
    "Scenario",
    "ScenarioFile",
    "load_catalog",
    "load_criteria",
    "load_paths",
]
