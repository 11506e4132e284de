//! The field table as Markdown, for `docs/FORMAT.md` (a test keeps the document equal to it).

use crate::model::{
    Allocation, Element, Fec, FieldDef, FieldPath, FieldTolerance, Grid, Link, PowerBasis,
    Sensitivity, Tolerance,
    field::{self, plain_number},
};

/// One row per field definition, in file order: the path (lists as `[i]`, an element field under
/// its kind), label, unit, accepted range with its reason, typical range, and help with source.
pub fn markdown_table() -> String {
    let mut rows: Vec<(String, &'static FieldDef)> = Vec::new();
    for link in specimens() {
        field::visit(&link, &mut |f| {
            let path = pattern(&f.path, &link);
            if !rows
                .iter()
                .any(|(p, d)| *p == path && std::ptr::eq(*d, f.def))
            {
                rows.push((path, f.def));
            }
        });
    }
    let mut out = String::from(
        "| path | label | unit | accepted (why) | typical | meaning; source |\n\
         |---|---|---|---|---|---|\n",
    );
    for (path, d) in rows {
        let range = if d.valid.min_open {
            format!(
                "({}, {}]",
                plain_number(d.valid.min),
                plain_number(d.valid.max)
            )
        } else {
            format!(
                "[{}, {}]",
                plain_number(d.valid.min),
                plain_number(d.valid.max)
            )
        };
        out.push_str(&format!(
            "| `{path}` | {} | {} | {range} ({}) | {}–{} | {} Source: {}. |\n",
            d.label,
            if d.unit.is_empty() { "—" } else { d.unit },
            d.valid.why,
            plain_number(d.typical.0),
            plain_number(d.typical.1),
            d.help.replace('|', "\\|"),
            d.source.trim_end_matches('.').replace('|', "\\|"),
        ));
    }
    out
}

/// `elements[3].length_cm` → `elements[i].Waveguide.length_cm`; other indices become `[i]`.
fn pattern(path: &FieldPath, link: &Link) -> String {
    let mut out = String::new();
    for (n, step) in path.steps().iter().enumerate() {
        if n > 0 {
            out.push('.');
        }
        out.push_str(step.name);
        if step.index.is_some() {
            out.push_str("[i]");
        }
        // An element's own numbers sit under its kind; its tolerance is every kind's.
        let is_tolerance = path.steps().get(1).is_some_and(|s| s.name == "tolerance");
        if n == 0
            && !is_tolerance
            && let Some(e) = path.element().and_then(|i| link.elements.get(i))
        {
            out.push('.');
            out.push_str(e.kind_name());
        }
    }
    out
}

/// Links that between them have every field of the table: every element kind, both grids, both
/// sensitivities, every tolerance kind (a field tolerance too), an allocation and channel offsets.
fn specimens() -> Vec<Link> {
    let Ok(base) = super::preset(super::DEFAULT_PRESET) else {
        return Vec::new();
    };
    let mut all = base.clone();
    all.elements = Element::starting_set();
    for (i, e) in all.elements.iter_mut().enumerate() {
        e.tolerance = Some(match i % 3 {
            0 => Tolerance::uniform(0.5),
            1 => Tolerance::normal(0.2),
            _ => Tolerance::triangular(0.5),
        });
    }
    all.laser.power_tolerance = Some(Tolerance::uniform(0.5));
    all.laser.channel_offsets_db = vec![0.0; all.wavelength_count()];
    all.receiver.responsivity_tolerance = Some(Tolerance::normal(0.02));
    all.tolerances = vec![FieldTolerance {
        path: "signaling.bit_rate_gbps".into(),
        spread: Tolerance::normal(1.0),
    }];
    all.penalties.allocations.push(Allocation {
        name: "specimen".into(),
        db: 1.0,
        note: String::new(),
    });
    let mut other = all.clone();
    other.laser.grid = Grid::Explicit {
        wavelengths_nm: vec![1310.0],
    };
    other.laser.power_tolerance = Some(Tolerance::normal(0.2));
    other.receiver.responsivity_tolerance = Some(Tolerance::uniform(0.05));
    other.receiver.sensitivity = Sensitivity::Given {
        dbm: -10.0,
        basis: PowerBasis::Oma,
        ber: 1e-12,
        bit_rate_gbps: 10.0,
        reference_er_db: None,
        rate_scaling_db_per_decade: 5.0,
    };
    other.signaling.fec = Fec::custom_start();
    other.tolerances = vec![FieldTolerance {
        path: "laser.tilt_db".into(),
        spread: Tolerance::uniform(0.5),
    }];
    // A standard with every optional rule on, each list one entry long.
    other.standard = super::preset("400gbase-fr4").ok().and_then(|l| l.standard);
    if let Some(s) = other.standard.as_mut() {
        s.reflectance_limits.truncate(1);
        s.allocations.push(Allocation {
            name: "specimen".into(),
            db: 0.1,
            note: String::new(),
        });
    }
    vec![all, other]
}
