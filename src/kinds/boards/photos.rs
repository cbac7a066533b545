//! Is this board photo an original of this year's week? Judged from the header and
//! EXIF only: pixel size, camera tags, the size the camera recorded, the editing
//! software, the shooting date, screen-sized images, and whether the file is whole.

use super::BoardsRule;
use crate::codes::Code;
use crate::findings::Findings;
use crate::findings::Msg;
use crate::inspect::image::{ImageFacts, ImageFormat};
use crate::intake::EntryId;
use crate::view::context::Context;

/// Screen resolutions of common phones and monitors (either orientation): an image of
/// exactly this size without camera EXIF is a screenshot.
const SCREENS: &[(u64, u64)] = &[
    (720, 1280),
    (750, 1334),
    (828, 1792),
    (1080, 1920),
    (1080, 2160),
    (1080, 2244),
    (1080, 2280),
    (1080, 2340),
    (1080, 2376),
    (1080, 2400),
    (1080, 2412),
    (1125, 2436),
    (1170, 2532),
    (1179, 2556),
    (1242, 2208),
    (1242, 2688),
    (1260, 2800),
    (1284, 2778),
    (1290, 2796),
    (1440, 2560),
    (1440, 3040),
    (1440, 3200),
    (1200, 2640),
    (1228, 2700),
    (1280, 720),
    (1280, 800),
    (1366, 768),
    (1440, 900),
    (1536, 864),
    (1600, 900),
    (1680, 1050),
    (1920, 1080),
    (1920, 1200),
    (2560, 1440),
    (2560, 1600),
    (2880, 1800),
    (3840, 2160),
];

fn is_screen_size(w: u64, h: u64) -> bool {
    SCREENS
        .iter()
        .any(|&(a, b)| (w, h) == (a, b) || (w, h) == (b, a))
}

pub fn check(
    rule: &BoardsRule,
    ctx: &Context,
    file: EntryId,
    image: &ImageFacts,
    out: &mut Findings,
) {
    let name = ctx.name(file);
    let path = ctx.path(file);
    let (w, h) = (image.width, image.height);
    if !image.complete {
        out.push(Code::PhotoIncomplete, path, msg!("photo-incomplete", name));
    }
    let min = rule.min_long_edge;
    if image.long_edge() < u64::from(min) {
        out.push(
            Code::PhotoTooSmall,
            path,
            msg!("photo-too-small", name, w, h, min),
        );
    }
    originality(ctx, name, path, image, out);
    shooting_date(ctx, name, path, image, out);
}

/// Signs that the photo is not the camera's original: scaled down, edited, a
/// screenshot, or without camera tags.
fn originality(ctx: &Context, name: &str, path: &str, image: &ImageFacts, out: &mut Findings) {
    let (w, h) = (image.width, image.height);
    let camera = &image.camera;
    if let Some((ow, oh)) = camera.pixel_size {
        // The camera's size against the real one, whatever the rotation.
        let (recorded, now) = (ow.max(oh) * ow.min(oh), w.max(h) * w.min(h));
        if recorded > now && ow.max(oh) > w.max(h) {
            out.push(
                Code::PhotoResized,
                path,
                msg!("photo-resized", name, ow, oh, w, h),
            );
        }
    }
    if let Some(software) = &camera.software {
        let lower = software.to_lowercase();
        let editors = &ctx.rules.evidence.editor_software;
        if editors.iter().any(|e| lower.contains(e.as_str())) {
            out.push(
                Code::PhotoEdited,
                path,
                msg!("photo-edited", name, software),
            );
        }
    }
    let no_camera = camera.make.is_none() && camera.model.is_none();
    let screenshot = no_camera
        && (is_screen_size(w, h) || (image.format == ImageFormat::Png && !camera.present));
    if screenshot {
        out.push(
            Code::PhotoScreenshot,
            path,
            msg!("photo-screenshot", name, w, h),
        );
    } else if !camera.missing().is_empty() {
        // Said as Windows' 属性 → 详细信息 names them, not as EXIF tags.
        let missing: Vec<Msg> = camera
            .missing()
            .into_iter()
            .map(|tag| match tag {
                "DateTimeOriginal" => msg!("camera-date-taken"),
                _ => msg!("camera-model"),
            })
            .collect();
        let tags = Msg::list(&missing);
        out.push(
            Code::PhotoNoCameraExif,
            path,
            msg!("photo-no-camera-exif", name, tags),
        );
    }
}

/// The shooting date against the clock, the check date and the activity period.
fn shooting_date(ctx: &Context, name: &str, path: &str, image: &ImageFacts, out: &mut Findings) {
    let camera = &image.camera;
    // A camera whose clock was never set writes 0000:00:00, or a day in its
    // factory year: no date to judge the photo by.
    let unset = camera.date_time_original.as_deref().is_some_and(|raw| {
        raw.trim_start().starts_with("0000")
            || camera
                .shot_on()
                .is_some_and(|day| chrono::Datelike::year(&day) < 2000)
    });
    if unset {
        let raw = camera.date_time_original.as_deref().unwrap_or_default();
        out.push(
            Code::PhotoClockUnset,
            path,
            msg!("photo-clock-unset", name, raw),
        );
    } else if let Some(day) = camera.shot_on() {
        let as_of = ctx.run.as_of;
        if day > as_of {
            out.push(
                Code::PhotoDateFuture,
                path,
                msg!("photo-date-future", name, day, as_of),
            );
        } else if let Some((first, last)) = ctx.rules.evidence.period
            && (day < first || day > last)
        {
            out.push(
                Code::PhotoOutsidePeriod,
                path,
                msg!("photo-outside-period", name, day, first, last),
            );
        }
    }
}
