//! Status marks as inline SVG: they look the same in every browser, on a phone and in
//! print, whatever fonts the machine has (an hourglass or a crossed circle is an empty
//! box in many Windows fonts).

use maud::{Markup, PreEscaped};

use crate::report::Status;

/// The mark of a status, drawn in the text's colour.
pub fn icon(status: Status) -> Markup {
    let shape = match status {
        Status::Pass => r#"<path d="M3 8.5l3.2 3.2L13 4.8"/>"#,
        Status::Fail => r#"<path d="M4 4l8 8M12 4l-8 8"/>"#,
        Status::Warn => r#"<path d="M8 1.8L15 14.2H1z M8 6v4 M8 11.6v.8"/>"#,
        Status::Pending => r#"<circle cx="8" cy="8" r="6.2"/><path d="M8 4.2V8l2.6 1.8"/>"#,
        Status::Unopened => r#"<circle cx="8" cy="8" r="6.2"/><path d="M3.6 12.4l8.8-8.8"/>"#,
    };
    PreEscaped(format!(
        r#"<svg class="icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{shape}</svg>"#
    ))
}
