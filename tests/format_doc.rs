//! `docs/FORMAT.md`'s table of numeric fields is the field table: generated from it, and kept
//! equal by this test. After changing a definition run
//! `PHOTON_BUDGET_BLESS=1 cargo test --test format_doc` to rewrite the table.

#![allow(clippy::unwrap_used)] // Tests may panic on failure.

use photon_budget::io::field_doc::markdown_table;

const DOC: &str = "docs/FORMAT.md";
const BEGIN: &str = "<!-- numeric fields: generated from the field table, do not edit -->\n";
const END: &str = "<!-- end of numeric fields -->";

#[test]
fn the_format_document_lists_every_numeric_field_as_defined() {
    let doc = std::fs::read_to_string(DOC).unwrap();
    let start = doc
        .find(BEGIN)
        .expect("FORMAT.md has the generated section")
        + BEGIN.len();
    let end = doc[start..].find(END).expect("the section ends") + start;
    let table = markdown_table();
    if std::env::var_os("PHOTON_BUDGET_BLESS").is_some() {
        let updated = format!("{}{table}{}", &doc[..start], &doc[end..]);
        std::fs::write(DOC, updated).unwrap();
        return;
    }
    assert!(
        doc[start..end] == table,
        "docs/FORMAT.md's numeric-field table differs from the field table; regenerate it with \
         PHOTON_BUDGET_BLESS=1 cargo test --test format_doc"
    );
    // The table covers every kind: spot-check rows a reader will look for.
    for row in [
        "`laser.power_dbm`",
        "`elements[i].Waveguide.length_cm`",
        "`elements[i].RingDrop.adjacent_isolation_db`",
        "`receiver.sensitivity.tia_noise_pa_per_sqrt_hz`",
        "`receiver.sensitivity.rate_scaling_db_per_decade`",
        "`laser.grid.wavelengths_nm[i]`",
        "`elements[i].tolerance.sigma`",
        "`package.laser_fibers_per_port`",
    ] {
        assert!(table.contains(row), "{row} missing");
    }
}
