//! Every resource limit in one place. A file or archive that reaches one gets a finding
//! naming the limit; nothing is read past it.

/// Bytes read from one file read whole, or from one decompressed XML part of a
/// .docx/.odt/.xlsx: the default of `[limits] read-mb`, which the readers use.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Seconds one PDF may take to parse, the default of `[limits] pdf-seconds`: PDF is
/// slow by nature, and a hostile one can be made slower still.
pub const PDF_SECONDS: u64 = 30;

/// Folder levels listed below a submission's root.
pub const MAX_DEPTH: usize = 64;

/// Entries listed from one archive: a real submission holds a few hundred files.
pub const MAX_ARCHIVE_ENTRIES: usize = 50_000;

/// Findings of one code listed one by one per requirement; the rest are counted in
/// one closing finding, so that a folder of 10,000 broken files stays readable.
pub const MAX_FINDINGS_PER_CODE: usize = 50;

/// Total declared uncompressed size of one archive: far above any real submission
/// (a few GB of video), far below what a zip bomb claims.
pub const MAX_ARCHIVE_TOTAL: u64 = 32 * 1024 * 1024 * 1024;

/// Compression ratio above which a large entry is taken for a zip bomb. Text and XML
/// compress 5-20×, photos and video barely at all; bombs reach 1000× and more.
pub const MAX_COMPRESSION_RATIO: u64 = 500;

/// Entries smaller than this are never judged by their ratio.
pub const RATIO_MIN_SIZE: u64 = 1024 * 1024;

/// Archives opened inside archives (a zip of photos inside a zipped submission is 2).
pub const MAX_ARCHIVE_NESTING: usize = 3;

/// Documents read for their titles in a folder whose name places it nowhere.
pub const TITLES_READ_PER_FOLDER: usize = 20;
