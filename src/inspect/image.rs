//! Photos: pixel size from the file header and camera EXIF, never a full decode.

use std::io::SeekFrom;

use exif::{In, Tag};

use super::Failure;
use crate::codes::Code;
use crate::intake::ReadSeek;
use crate::msg;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFacts {
    pub width: u64,
    pub height: u64,
    pub camera: CameraExif,
}

impl ImageFacts {
    pub fn long_edge(&self) -> u64 {
        self.width.max(self.height)
    }
}

/// The EXIF tags a camera or phone writes and a re-encode strips.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CameraExif {
    pub make: Option<String>,
    pub model: Option<String>,
    pub date_time_original: Option<String>,
}

impl CameraExif {
    /// Names of the camera tags that are missing.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.make.is_none() && self.model.is_none() {
            missing.push("Make/Model");
        }
        if self.date_time_original.is_none() {
            missing.push("DateTimeOriginal");
        }
        missing
    }
}

pub fn inspect(reader: &mut dyn ReadSeek) -> Result<ImageFacts, Failure> {
    let size = imagesize::reader_size(&mut *reader).map_err(|e| {
        (
            Code::PhotoUnreadable,
            msg!(
                "读不出图片尺寸（{e}），文件可能已损坏或不是图片",
                "the image size cannot be read ({e}); the file may be damaged or not an image"
            ),
        )
    })?;
    if size.width == 0 || size.height == 0 {
        return Err((
            Code::PhotoUnreadable,
            msg!("图片尺寸为 0", "the image has zero size"),
        ));
    }
    let camera = if reader.seek(SeekFrom::Start(0)).is_ok() {
        camera_exif(reader)
    } else {
        CameraExif::default()
    };
    Ok(ImageFacts {
        width: size.width as u64,
        height: size.height as u64,
        camera,
    })
}

/// Reads the camera tags; a missing or corrupt EXIF block simply yields none.
fn camera_exif(mut reader: &mut dyn ReadSeek) -> CameraExif {
    let Ok(exif) = exif::Reader::new().read_from_container(&mut reader) else {
        return CameraExif::default();
    };
    let text = |tag: Tag| {
        exif.get_field(tag, In::PRIMARY)
            .and_then(|f| match &f.value {
                exif::Value::Ascii(parts) => {
                    let joined: String = parts
                        .iter()
                        .map(|p| String::from_utf8_lossy(p).trim_end_matches('\0').to_owned())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let trimmed = joined.trim().to_owned();
                    (!trimmed.is_empty()).then_some(trimmed)
                }
                _ => None,
            })
    };
    CameraExif {
        make: text(Tag::Make),
        model: text(Tag::Model),
        date_time_original: text(Tag::DateTimeOriginal),
    }
}
