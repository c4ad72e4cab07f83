//! Stage 5, present: what the page and the command line show. Views, tables, exports and charts,
//! drawn on any plotters backend (canvas in the browser, SVG everywhere).

pub mod chart;
pub mod export;
pub mod views;
