"""Scoring engine of 《政府部门实施卓越绩效评价指南》: scheme data, assessments, exact scores."""

from calculator.assessment import Assessment, AssessmentError, Problem
from calculator.scheme import Scheme, SchemeError, load_scheme
from calculator.scoring import Result, priorities, score

__all__ = [
    "Assessment",
    "AssessmentError",
    "Problem",
    "Result",
    "Scheme",
    "SchemeError",
    "load_scheme",
    "priorities",
    "score",
]
