//! Exports: CSV tables and the self-contained HTML report. Pure text, no UI: the CLI and the app
//! write the same files.

pub mod csv_out;
pub mod explore;
pub mod html;
pub mod svg;
