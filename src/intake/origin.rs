//! Where a source's bytes are, said so that another process can open them again: a
//! file on disk, a member of a zip at a known offset (of a file on disk, or of another
//! member), or the bytes themselves. A reader in a worker process rebuilds the source
//! from this ([`super::source::rebuild`]) and reads it as the parent would; no byte is
//! written to disk.

use std::path::PathBuf;

/// A source's bytes, described.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Origin {
    Disk(#[serde(with = "os_path")] PathBuf),
    Member {
        container: Box<Origin>,
        data_start: u64,
        compressed_size: u64,
        size: u64,
        deflated: bool,
        crc32: u32,
    },
    /// Bytes held in memory by the parent (a member of an archive it read whole).
    Bytes(#[serde(with = "base64_bytes")] Vec<u8>),
}

/// A path as the platform's own encoding of it, so that a name that is not Unicode
/// (possible on Linux, and on Windows as unpaired UTF-16) reaches the reader intact.
mod os_path {
    use std::ffi::OsString;
    use std::path::PathBuf;

    #[allow(clippy::ptr_arg)] // serde's `with` hands over the field's own type
    pub fn serialize<S: serde::Serializer>(path: &PathBuf, s: S) -> Result<S::Ok, S::Error> {
        super::base64_bytes::serialize(path.as_os_str().as_encoded_bytes(), s)
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
        let bytes = super::base64_bytes::deserialize(d)?;
        // SAFETY: the bytes are what `as_encoded_bytes` gave in the parent process,
        // which is this same binary on this same platform.
        Ok(PathBuf::from(unsafe {
            OsString::from_encoded_bytes_unchecked(bytes)
        }))
    }
}

/// Bytes as base64 text, a third larger than raw instead of four times as JSON numbers.
mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD;

    pub fn serialize<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(d)?;
        STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}
