//! Stage 5, present: what the page and the command line show. Views, tables, exports and charts,
//! drawn on any plotters backend (canvas in the browser, SVG everywhere), and (the `office`
//! feature) Word and PowerPoint files of the report.

pub mod chart;
pub mod export;
#[cfg(feature = "office")]
pub mod office;
pub mod views;
