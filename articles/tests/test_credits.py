import pytest

from articles.credits import CreditParts, split_credit


@pytest.mark.parametrize(
    "credit, parts",
    [
        ("SPUTNIK/VLADIMIR SMIRNOV via  REUTERS", CreditParts("SPUTNIK", "VLADIMIR SMIRNOV", "REUTERS")),
        ("REUTERS/ TERESA SUÁREZ", CreditParts("REUTERS", "TERESA SUÁREZ", "")),
        ("KCNA via REUTERS", CreditParts("KCNA", "", "REUTERS")),
        ("EFE", CreditParts("EFE", "", "")),
        ("YONHAP vía EFE", CreditParts("YONHAP", "", "EFE")),
        ("", CreditParts()),
    ],
)
def test_credit_lines_split_into_source_photographer_and_distributor(credit, parts):
    assert split_credit(credit) == parts


def test_photographer_printed_before_a_known_agency_is_swapped():
    parts = split_credit("JOHN DOE / AFP", is_known_source=lambda name: name == "AFP")
    assert parts == CreditParts("AFP", "JOHN DOE", "")


def test_unknown_names_keep_the_agency_first_order():
    assert split_credit("JOHN DOE / JANE ROE", is_known_source=lambda name: False) == CreditParts(
        "JOHN DOE", "JANE ROE", ""
    )
