//! Is this board photo an original of this year's week? Judged from the header and
//! EXIF only: pixel size, camera tags, the size the camera recorded, the editing
//! software, the shooting date, screen-sized images, and whether the file is whole.

use super::Context;
use crate::codes::Code;
use crate::findings::Findings;
use crate::inspect::image::{ImageFacts, ImageFormat};
use crate::intake::EntryId;
use crate::msg;
use crate::rules::BoardsRule;

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
        out.push(
            Code::PhotoIncomplete,
            path,
            msg!(
                "“{name}”照片文件不完整（传输中断？），文件结尾缺失；请重新复制原图",
                "\"{name}\" is incomplete (an interrupted transfer?): its end is missing; copy the original again"
            ),
        );
    }
    let min = rule.min_long_edge;
    if image.long_edge() < u64::from(min) {
        out.push(
            Code::PhotoTooSmall,
            path,
            msg!(
                "“{name}”只有 {w}×{h} 像素，长边不到 {min} 像素，不是原图；请提供原图（微信发送时勾选“原图”）",
                "\"{name}\" is only {w}×{h} pixels, its long edge under {min}: not an original; send the original (tick \"原图\" in WeChat)"
            ),
        );
    }
    let camera = &image.camera;
    if let Some((ow, oh)) = camera.pixel_size {
        // The camera's size against the real one, whatever the rotation.
        let (recorded, now) = (ow.max(oh) * ow.min(oh), w.max(h) * w.min(h));
        if recorded > now && ow.max(oh) > w.max(h) {
            out.push(
                Code::PhotoResized,
                path,
                msg!(
                    "“{name}”照片被缩小过（原始 {ow}×{oh}，现在 {w}×{h}），请提供原图",
                    "\"{name}\" was scaled down (originally {ow}×{oh}, now {w}×{h}); send the original"
                ),
            );
        }
    }
    if let Some(software) = &camera.software {
        let lower = software.to_lowercase();
        if ctx
            .rules
            .evidence
            .editor_software
            .iter()
            .any(|e| lower.contains(e.as_str()))
        {
            out.push(
                Code::PhotoEdited,
                path,
                msg!(
                    "“{name}”经过修图软件处理（EXIF Software：{software}）",
                    "\"{name}\" went through an editor (EXIF Software: {software})"
                ),
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
            msg!(
                "“{name}”（{w}×{h}）看起来是截图，不是拍摄的照片；展板请用原版照片",
                "\"{name}\" ({w}×{h}) looks like a screenshot, not a photo as taken; boards need original photos"
            ),
        );
    } else if !camera.missing().is_empty() {
        let missing = camera.missing();
        let tags = missing.join("、");
        let tags_en = missing.join(", ");
        out.push(
            Code::PhotoNoCameraExif,
            path,
            msg!(
                "“{name}”没有相机拍摄信息（缺少 EXIF {tags}），可能不是原图；请确认提供的是原图",
                "\"{name}\" has no camera information (EXIF {tags_en} missing), so it may not be an original; make sure it is"
            ),
        );
    }
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
            msg!(
                "“{name}”的拍摄日期是“{raw}”：拍摄设备的时钟没有设置，无法判断照片是否摄于活动期间；请核实",
                "\"{name}\" gives \"{raw}\" as its shooting date: the camera's clock was not set, so whether it was taken during the week cannot be told; check it"
            ),
        );
    } else if let Some(day) = camera.shot_on() {
        let as_of = ctx.run.as_of;
        if day > as_of {
            out.push(
                Code::PhotoDateFuture,
                path,
                msg!(
                    "“{name}”的拍摄日期是 {day}，晚于检查日期 {as_of}；拍摄设备的日期可能设置有误，请核实",
                    "\"{name}\" was shot on {day}, after the check date {as_of}; the camera's clock may be wrong; check it"
                ),
            );
        } else if let Some((first, last)) = ctx.rules.evidence.period
            && (day < first || day > last)
        {
            out.push(
                Code::PhotoOutsidePeriod,
                path,
                msg!(
                    "“{name}”拍摄于 {day}，不在活动期间（{first} 至 {last}）；请核实是否为本次活动的照片",
                    "\"{name}\" was shot on {day}, outside the activity period ({first} to {last}); check that it shows this year's week"
                ),
            );
        }
    }
}
