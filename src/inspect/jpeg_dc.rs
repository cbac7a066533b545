//! The `--deep` check's fast path: a baseline JPEG's entropy-coded data read to the
//! end, keeping only each luma block's DC coefficient, which is the block's mean
//! brightness: a 1/8-scale grey picture, without dequantising, transforming or
//! converting colour. Every code of every block is decoded, so a cut-off or corrupt
//! stream is still found. Progressive and arithmetic-coded files are left to
//! jpeg-decoder (None).

/// A Huffman table: for each code length, the first code and where its symbols start.
#[derive(Clone, Default)]
struct Huffman {
    /// (code, length) -> symbol, for codes of up to `LOOKUP` bits.
    fast: Vec<(u8, u8)>,
    max_code: [i32; 17],
    offset: [i32; 17],
    symbols: Vec<u8>,
}

const LOOKUP: u32 = 11;

/// Luma blocks decoded at most: those of the largest picture checked
/// ([`MAX_PHOTO_PIXELS`](crate::limits::MAX_PHOTO_PIXELS)), with room for the padding
/// to whole MCUs. A header claiming more is refused, never allocated.
const MAX_BLOCKS: usize = (crate::limits::MAX_PHOTO_PIXELS / 64) as usize + 65_536;

impl Huffman {
    fn new(counts: &[u8; 16], symbols: &[u8]) -> Option<Huffman> {
        let mut table = Huffman {
            fast: vec![(0, 0); 1 << LOOKUP],
            max_code: [-1; 17],
            offset: [0; 17],
            symbols: symbols.to_vec(),
        };
        let (mut code, mut k) = (0i32, 0usize);
        for len in 1..=16 {
            let n = counts[len - 1] as usize;
            table.offset[len] = k as i32 - code;
            for _ in 0..n {
                if len as u32 <= LOOKUP {
                    let shift = LOOKUP - len as u32;
                    for fill in 0..(1 << shift) {
                        let index = ((code as usize) << shift) | fill;
                        *table.fast.get_mut(index)? = (*symbols.get(k)?, len as u8);
                    }
                }
                code += 1;
                k += 1;
            }
            if n > 0 {
                table.max_code[len] = code - 1;
            }
            code <<= 1;
        }
        Some(table)
    }
}

/// Reads entropy-coded bits, undoing byte stuffing; stops at a marker.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buffer: u64,
    count: u32,
    /// A marker (other than stuffing) was reached: no more data bits.
    marker: bool,
    /// Zero bits appended past the data; consuming any of them means the data was
    /// cut short.
    fake: u32,
}

impl Bits<'_> {
    fn fill(&mut self) {
        while self.count <= 56 {
            let byte = if self.marker || self.pos >= self.data.len() {
                // Past the data: zeros, which no valid stream reaches.
                self.count += 8;
                self.fake += 8;
                continue;
            } else {
                self.data[self.pos]
            };
            if byte == 0xFF {
                match self.data.get(self.pos + 1) {
                    Some(0x00) => self.pos += 2,
                    _ => {
                        self.marker = true;
                        continue;
                    }
                }
            } else {
                self.pos += 1;
            }
            self.buffer |= u64::from(byte) << (56 - self.count);
            self.count += 8;
        }
    }

    fn peek(&mut self, n: u32) -> u32 {
        if self.count < n {
            self.fill();
        }
        (self.buffer >> (64 - n)) as u32
    }

    fn consume(&mut self, n: u32) {
        self.buffer <<= n;
        self.count -= n;
    }

    fn bits(&mut self, n: u32) -> u32 {
        if n == 0 {
            return 0;
        }
        let v = self.peek(n);
        self.consume(n);
        v
    }

    fn decode(&mut self, table: &Huffman) -> Option<u8> {
        let look = self.peek(LOOKUP) as usize;
        let (symbol, len) = table.fast[look];
        if len > 0 {
            self.consume(u32::from(len));
            return Some(symbol);
        }
        let mut code = self.bits(LOOKUP) as i32;
        for len in (LOOKUP as usize + 1)..=16 {
            code = (code << 1) | self.bits(1) as i32;
            if code <= table.max_code[len] {
                return table
                    .symbols
                    .get((code + table.offset[len]) as usize)
                    .copied();
            }
        }
        None
    }

    /// Past the end of the data: the stream was cut off.
    fn overran(&self) -> bool {
        self.fake > self.count
    }

    /// Moves past a restart marker, resetting the bit buffer.
    fn restart(&mut self) -> bool {
        if self.overran() {
            return false;
        }
        self.buffer = 0;
        self.count = 0;
        self.fake = 0;
        self.marker = false;
        match self.data.get(self.pos..self.pos + 2) {
            Some([0xFF, m]) if (0xD0..=0xD7).contains(m) => {
                self.pos += 2;
                true
            }
            _ => false,
        }
    }
}

/// Width and height in blocks, and each block's DC value, row by row.
pub type DcGrid = (usize, usize, Vec<i32>);

struct Component {
    id: u8,
    h: usize,
    v: usize,
    dc_table: usize,
    ac_table: usize,
    /// Its quantisation table: not needed for the DC grid, but a file without it
    /// does not decode, so its absence is left to jpeg-decoder to name.
    quant: usize,
}

/// A frame header: the picture's size and its components.
fn frame(body: &[u8]) -> Option<(usize, usize, Vec<Component>)> {
    let height = usize::from(u16::from_be_bytes([*body.get(1)?, *body.get(2)?]));
    let width = usize::from(u16::from_be_bytes([*body.get(3)?, *body.get(4)?]));
    let n = usize::from(*body.get(5)?);
    let mut components = Vec::new();
    for c in 0..n {
        let b = body.get(6 + 3 * c..9 + 3 * c)?;
        components.push(Component {
            id: b[0],
            h: usize::from(b[1] >> 4).max(1),
            v: usize::from(b[1] & 15).max(1),
            dc_table: 0,
            ac_table: 0,
            quant: usize::from(b[2] & 3),
        });
    }
    Some((width, height, components))
}

/// Which quantisation tables a DQT segment defines (8- or 16-bit entries).
fn quantisation(body: &[u8], seen: &mut [bool; 4]) -> Option<()> {
    let mut at = 0;
    while at < body.len() {
        let precision_id = body[at];
        seen[usize::from(precision_id & 3)] = true;
        at += 1 + if precision_id >> 4 == 0 { 64 } else { 128 };
    }
    (at == body.len()).then_some(())
}

/// The Huffman tables a DHT segment defines.
fn tables(body: &[u8], dc: &mut [Option<Huffman>; 4], ac: &mut [Option<Huffman>; 4]) -> Option<()> {
    let mut at = 0;
    while at < body.len() {
        let class_id = body[at];
        let counts: [u8; 16] = body.get(at + 1..at + 17)?.try_into().ok()?;
        let n: usize = counts.iter().map(|&c| usize::from(c)).sum();
        let table = Huffman::new(&counts, body.get(at + 17..at + 17 + n)?)?;
        let slot = usize::from(class_id & 3);
        if class_id >> 4 == 0 {
            dc[slot] = Some(table);
        } else {
            ac[slot] = Some(table);
        }
        at += 17 + n;
    }
    Some(())
}

/// The luma DC grid of a baseline JPEG (width × height in blocks, row by row), Some(Err)
/// when its data is damaged, None when the file is not baseline Huffman-coded.
pub fn luma_dc(jpeg: &[u8]) -> Option<Result<DcGrid, String>> {
    let mut pos = 2;
    if !jpeg.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut dc_tables: [Option<Huffman>; 4] = Default::default();
    let mut ac_tables: [Option<Huffman>; 4] = Default::default();
    let mut components: Vec<Component> = Vec::new();
    let mut quant = [false; 4];
    let (mut width, mut height, mut interval) = (0usize, 0usize, 0usize);
    loop {
        let marker = *jpeg.get(pos + 1)?;
        if jpeg[pos] != 0xFF {
            return Some(Err("marker expected".to_owned()));
        }
        let len = usize::from(u16::from_be_bytes([
            *jpeg.get(pos + 2)?,
            *jpeg.get(pos + 3)?,
        ]));
        let body = jpeg.get(pos + 4..pos + 2 + len)?;
        match marker {
            0xC0 | 0xC1 => (width, height, components) = frame(body)?,
            0xC2 | 0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => return None,
            0xC4 => tables(body, &mut dc_tables, &mut ac_tables)?,
            0xDB => quantisation(body, &mut quant)?,
            0xDD => interval = usize::from(u16::from_be_bytes([*body.first()?, *body.get(1)?])),
            0xDA => {
                let n = usize::from(*body.first()?);
                // Only one interleaved scan of every component is baseline as phones
                // write it; anything else goes to jpeg-decoder.
                let unquantised = components.iter().any(|c| !quant[c.quant]);
                if n != components.len() || width == 0 || height == 0 || unquantised {
                    return None;
                }
                for s in 0..n {
                    let b = body.get(1 + 2 * s..3 + 2 * s)?;
                    let c = components.iter_mut().find(|c| c.id == b[0])?;
                    c.dc_table = usize::from(b[1] >> 4) & 3;
                    c.ac_table = usize::from(b[1] & 15) & 3;
                }
                let data = &jpeg[pos + 2 + len..];
                return Some(scan(
                    data,
                    &components,
                    &dc_tables,
                    &ac_tables,
                    width,
                    height,
                    interval,
                ));
            }
            0xD9 => return Some(Err("no image data before the end".to_owned())),
            _ => {}
        }
        pos += 2 + len;
    }
}

fn scan(
    data: &[u8],
    components: &[Component],
    dc_tables: &[Option<Huffman>; 4],
    ac_tables: &[Option<Huffman>; 4],
    width: usize,
    height: usize,
    interval: usize,
) -> Result<DcGrid, String> {
    if components.is_empty() {
        return Err("no components".to_owned());
    }
    let hmax = components.iter().map(|c| c.h).max().unwrap_or(1);
    let vmax = components.iter().map(|c| c.v).max().unwrap_or(1);
    let (mcus_x, mcus_y) = (width.div_ceil(8 * hmax), height.div_ceil(8 * vmax));
    let luma = &components[0];
    let (grid_w, grid_h) = (mcus_x * luma.h, mcus_y * luma.v);
    if grid_w * grid_h > MAX_BLOCKS {
        return Err(format!(
            "{width}×{height} pixels is beyond what is checked here"
        ));
    }
    let mut grid = vec![0i32; grid_w * grid_h];
    let tables: Vec<(&Huffman, &Huffman)> = components
        .iter()
        .map(|c| {
            Ok((
                dc_tables[c.dc_table].as_ref().ok_or("missing DC table")?,
                ac_tables[c.ac_table].as_ref().ok_or("missing AC table")?,
            ))
        })
        .collect::<Result<_, &str>>()?;
    let mut bits = Bits {
        data,
        pos: 0,
        buffer: 0,
        count: 0,
        marker: false,
        fake: 0,
    };
    let mut predictors = vec![0i32; components.len()];
    let total = mcus_x * mcus_y;
    for mcu in 0..total {
        if interval > 0 && mcu > 0 && mcu % interval == 0 {
            if !bits.restart() {
                return Err(format!("restart marker missing before block group {mcu}"));
            }
            predictors.iter_mut().for_each(|p| *p = 0);
        }
        let (mx, my) = (mcu % mcus_x, mcu / mcus_x);
        for (ci, c) in components.iter().enumerate() {
            let (dc, ac) = tables[ci];
            for v in 0..c.v {
                for h in 0..c.h {
                    predictors[ci] = predictors[ci].wrapping_add(block(&mut bits, dc, ac)?);
                    if ci == 0 {
                        grid[(my * c.v + v) * grid_w + mx * c.h + h] = predictors[0];
                    }
                }
            }
        }
        if bits.overran() {
            return Err(format!("the data ends after {mcu} of {total} block groups"));
        }
    }
    // The blocks the picture covers, without the padding of the last MCUs.
    let w = (width * luma.h).div_ceil(8 * hmax).min(grid_w);
    let h = (height * luma.v).div_ceil(8 * vmax).min(grid_h);
    let cropped = (0..h)
        .flat_map(|y| grid[y * grid_w..y * grid_w + w].iter().copied())
        .collect();
    Ok((w, h, cropped))
}

/// Decodes one block to its end; returns its DC difference.
fn block(bits: &mut Bits, dc: &Huffman, ac: &Huffman) -> Result<i32, String> {
    let size = bits.decode(dc).ok_or("invalid Huffman code")?;
    if size > 15 {
        return Err(format!("a DC difference of {size} bits"));
    }
    let diff = extend(bits.bits(u32::from(size)), size);
    let mut k = 1;
    while k < 64 {
        let rs = bits.decode(ac).ok_or("invalid Huffman code")?;
        let (run, size) = (rs >> 4, rs & 15);
        if size == 0 {
            if run != 15 {
                break;
            }
            k += 16;
        } else {
            bits.consume_checked(u32::from(size));
            k += usize::from(run) + 1;
        }
    }
    if k > 64 {
        return Err("coefficients past the end of a block".to_owned());
    }
    Ok(diff)
}

fn extend(v: u32, size: u8) -> i32 {
    if size == 0 {
        return 0;
    }
    let v = v as i32;
    if v < 1 << (size - 1) {
        v - (1 << size) + 1
    } else {
        v
    }
}

impl Bits<'_> {
    fn consume_checked(&mut self, n: u32) {
        if self.count < n {
            self.fill();
        }
        self.consume(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG brightening from left to right, in colour or grey.
    fn gradient(w: u32, h: u32, grey: bool) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
        if grey {
            let img = image::GrayImage::from_fn(w, h, |x, _| image::Luma([(x * 255 / w) as u8]));
            encoder.encode_image(&img).unwrap();
        } else {
            let img = image::RgbImage::from_fn(w, h, |x, y| {
                image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 90])
            });
            encoder.encode_image(&img).unwrap();
        }
        out.into_inner()
    }

    #[test]
    fn the_dc_grid_is_the_picture_at_one_eighth() {
        for grey in [false, true] {
            let jpeg = gradient(1001, 603, grey);
            let (w, h, dc) = luma_dc(&jpeg).unwrap().unwrap();
            assert_eq!((w, h), (126, 76), "grey: {grey}");
            // Brighter to the right, along every row.
            for y in [0, h / 2, h - 1] {
                assert!(
                    dc[y * w + w - 1] > dc[y * w] + 100,
                    "row {y}: {:?}",
                    &dc[y * w..y * w + 4]
                );
            }
        }
    }

    #[test]
    fn cut_off_data_is_damage_and_other_codings_are_left_to_the_decoder() {
        let jpeg = gradient(800, 600, false);
        for keep in [jpeg.len() / 3, jpeg.len() * 9 / 10, jpeg.len() - 40] {
            let cut = &jpeg[..keep];
            assert!(matches!(luma_dc(cut), Some(Err(_))), "kept {keep}");
        }
        // Without its quantisation table the file does not decode: left to jpeg-decoder.
        let mut unquantised = jpeg.clone();
        let dqt = unquantised
            .windows(2)
            .position(|w| w == [0xFF, 0xDB])
            .unwrap();
        unquantised[dqt + 1] = 0xFE; // the segment becomes a comment
        assert!(luma_dc(&unquantised).is_none());
        // Marked progressive (SOF2): not read here.
        let mut progressive = jpeg.clone();
        let sof = progressive
            .windows(2)
            .position(|w| w == [0xFF, 0xC0])
            .unwrap();
        progressive[sof + 1] = 0xC2;
        assert!(luma_dc(&progressive).is_none());
        assert!(luma_dc(b"not a jpeg").is_none());
    }

    #[test]
    fn damaged_and_hostile_bytes_never_panic() {
        let jpeg = gradient(320, 240, false);
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..2000 {
            let mut bad = jpeg.clone();
            for _ in 0..3 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = (seed as usize) % bad.len();
                bad[at] = (seed >> 32) as u8;
            }
            let _ = luma_dc(&bad);
        }
        // A DHT whose symbols claim DC differences of 255 bits, and a frame of no
        // component: errors, not panics.
        let mut huge = b"\xFF\xD8\xFF\xC4\x00\x14\x00".to_vec();
        huge.extend([1u8].iter().chain(&[0u8; 15]));
        huge.push(255);
        huge.extend(b"\xFF\xC0\x00\x08\x08\x00\x10\x00\x10\x00\xFF\xDA\x00\x02\x00\x00");
        assert!(!matches!(luma_dc(&huge), Some(Ok(_))));
    }
}
