"""Coverage figures for the plan's pilots (Fiches 1.1, 1.3, 2.4, 3.1, 3.3, 4.2).

How many services per audience, per kind of service and per territory; the
audience-by-territory matrix whose empty cells are the white zones; the share
of communes reached by at least two services; the records not checked for a
year. A service reaches every commune of the territories it covers: the
directory knows places at the level of intercommunalities.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date

from ..content.records import Content
from ..content.review import Reviewed, is_stale, record_path, reviewed_records
from ..content.vocabulary import CATEGORIES
from .quality import Quality, quality_of

WELL_COVERED = 2  # Fiche 1.3: communes with at least 2 services


@dataclass(frozen=True)
class Coverage:
    services: int
    by_audience: dict[str, int]
    by_category: dict[str, int]
    by_territory: dict[str, int]
    matrix: dict[tuple[str, str], int]  # (territory, audience) → services
    communes: int
    well_covered_share: dict[str, float]  # audience → share of communes with ≥ 2 services
    categories_by_territory: dict[str, int]  # territory → how many of the 6 kinds it has
    territories_by_category: dict[str, int]  # kind → in how many territories
    stale: list[Reviewed]  # past their review date
    with_phone: int
    cross_border: int
    quality: Quality

    @property
    def white_zones(self) -> list[tuple[str, str]]:
        return [pair for pair, count in self.matrix.items() if count == 0]


def coverage_figures(content: Content, today: date) -> Coverage:
    services = list(content.services.values())
    territories, audiences = list(content.territories), list(content.audiences)
    matrix = {(t, a): len(content.services_for(t, a)) for t in territories for a in audiences}
    communes = {t: len(territory.communes) for t, territory in content.territories.items()}
    total_communes = sum(communes.values())
    kinds_in = {t: {s.categorie for s in content.services_for(territory=t)} for t in territories}
    return Coverage(
        services=len(services),
        by_audience={a: len(content.services_for(audience=a)) for a in audiences},
        by_category={c: sum(s.categorie == c for s in services) for c in CATEGORIES},
        by_territory={t: len(content.services_for(territory=t)) for t in territories},
        matrix=matrix,
        communes=total_communes,
        well_covered_share={
            a: sum(communes[t] for t in territories if matrix[t, a] >= WELL_COVERED) / total_communes
            for a in audiences
        },
        categories_by_territory={t: len(kinds_in[t]) for t in territories},
        territories_by_category={c: sum(c in kinds_in[t] for t in territories) for c in CATEGORIES},
        stale=sorted(
            (r for r in reviewed_records(content) if is_stale(r, today)), key=lambda r: (r.verifie_le, r.id)
        ),
        with_phone=sum(s.contact.telephone is not None for s in services),
        cross_border=sum(s.transfrontalier for s in services),
        quality=quality_of(content, today),
    )


def coverage_csv(coverage: Coverage, content: Content) -> bytes:
    """Every figure as a row: indicator, what it is about, value."""
    rows: list[tuple[str, str, str]] = [("services", "bassin", str(coverage.services))]
    rows += [("services_par_public", a, str(n)) for a, n in coverage.by_audience.items()]
    rows += [("services_par_type", c, str(n)) for c, n in coverage.by_category.items()]
    rows += [("services_par_territoire", t, str(n)) for t, n in coverage.by_territory.items()]
    rows += [
        ("services_par_territoire_et_public", f"{t}/{a}", str(n)) for (t, a), n in coverage.matrix.items()
    ]
    rows += [
        ("part_communes_2_services", a, f"{share:.3f}") for a, share in coverage.well_covered_share.items()
    ]
    rows += [
        ("types_de_service_par_territoire", t, str(n)) for t, n in coverage.categories_by_territory.items()
    ]
    rows += [("fiches_a_verifier", record_path(r), r.verifie_le.isoformat()) for r in coverage.stale]
    rows += [("completude_fiche_1_1", r.key, f"{r.completeness:.2f}") for r in coverage.quality.records]
    rows += [
        ("score_qualite_data_inclusion", r.key, f"{r.score:.2f}")
        for r in coverage.quality.records
        if r.score is not None
    ]
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(("indicateur", "objet", "valeur"))
    writer.writerows(rows)
    return output.getvalue().encode()
