//! Huffman tables and the bit reader of the DC decoder: codes looked up by their
//! first bits, coefficient bits skipped with them, byte stuffing undone.

/// A Huffman table: for each code length, the first code and where its symbols start.
#[derive(Clone)]
pub(super) struct Huffman {
    /// (code, length) -> symbol, for codes of up to `LOOKUP` bits.
    fast: Box<[(u8, u8); 1 << LOOKUP]>,
    /// For an AC table: what `LOOKUP` bits skip at once, as a [`Skip`] entry. The
    /// coefficients' values are never needed.
    skip: Box<[u16; 1 << LOOKUP]>,
    max_code: [i32; 17],
    offset: [i32; 17],
    symbols: Vec<u8>,
}

/// Bits looked up at once (at most 15, for [`Skip`]'s 4 bits of length).
const LOOKUP: u32 = 13;
const _: () = assert!(LOOKUP <= 15, "a Skip entry holds the bits used in 4 bits");

impl Huffman {
    /// A table from a DHT's counts and symbols; an AC table's with its skip table.
    pub(super) fn new(counts: &[u8; 16], symbols: &[u8], ac: bool) -> Option<Huffman> {
        let mut table = Huffman {
            fast: Box::new([(0, 0); 1 << LOOKUP]),
            skip: Box::new([0; 1 << LOOKUP]),
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
        if ac {
            for (index, entry) in table.skip.iter_mut().enumerate() {
                *entry = Skip::chain(&table.fast, index);
            }
        }
        Some(table)
    }
}

/// A skip-table entry: every (code, coefficient bits) pair that fits in the looked-up
/// bits, up to and including an end of block, as the bits they take (low 4 bits; 0
/// when not even the first fits), the positions they move (6 bits) and whether the
/// block ends (bit 10).
struct Skip;

impl Skip {
    const END: u16 = 1 << 10;

    /// The entry for the looked-up bits `index`.
    fn chain(fast: &[(u8, u8); 1 << LOOKUP], index: usize) -> u16 {
        let (mut used, mut advance, mut end) = (0u16, 0u16, 0u16);
        loop {
            let (rs, len) = fast[(index << used) & ((1 << LOOKUP) - 1)];
            let (run, size) = (u16::from(rs >> 4), u16::from(rs & 15));
            let step = match (run, size) {
                (15, 0) => 16,
                (_, 0) => 0,
                _ => run + 1,
            };
            if len == 0 || used + u16::from(len) + size > LOOKUP as u16 || advance + step > 63 {
                break;
            }
            used += u16::from(len) + size;
            advance += step;
            if size == 0 && run != 15 {
                end = Skip::END;
                break;
            }
        }
        used | advance << 4 | end
    }
}

/// Reads entropy-coded bits, undoing byte stuffing; stops at a marker.
pub(super) struct Bits<'a> {
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

impl<'a> Bits<'a> {
    pub(super) fn new(data: &'a [u8]) -> Bits<'a> {
        Bits {
            data,
            pos: 0,
            buffer: 0,
            count: 0,
            marker: false,
            fake: 0,
        }
    }

    #[inline]
    fn fill(&mut self) {
        // Fast path: the next eight bytes hold no 0xFF (no stuffing, no marker), so
        // as many as fit go in at once.
        if let Some(chunk) = self.data.get(self.pos..self.pos + 8)
            && !self.marker
        {
            let chunk = u64::from_be_bytes(chunk.try_into().unwrap_or_default());
            let inverted = !chunk;
            let has_ff =
                inverted.wrapping_sub(0x0101_0101_0101_0101) & !inverted & 0x8080_8080_8080_8080;
            if has_ff == 0 {
                let n = (64 - self.count) / 8;
                if n > 0 {
                    let top = chunk >> (64 - 8 * n);
                    self.buffer |= top << (64 - self.count - 8 * n);
                    self.count += 8 * n;
                    self.pos += n as usize;
                    return;
                }
            }
        }
        self.fill_bytewise();
    }

    /// Byte by byte: stuffing undone, a marker stops the data, zeros past its end.
    #[cold]
    fn fill_bytewise(&mut self) {
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

    #[inline]
    fn peek(&mut self, n: u32) -> u32 {
        if self.count < n {
            self.fill();
        }
        (self.buffer >> (64 - n)) as u32
    }

    #[inline]
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

    #[inline]
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
    pub(super) fn overran(&self) -> bool {
        self.fake > self.count
    }

    /// Moves past a restart marker, resetting the bit buffer.
    pub(super) fn restart(&mut self) -> bool {
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

    fn consume_checked(&mut self, n: u32) {
        if self.count < n {
            self.fill();
        }
        self.consume(n);
    }

    /// Decodes one block to its end; returns its DC difference.
    #[inline]
    pub(super) fn block(&mut self, dc: &Huffman, ac: &Huffman) -> Result<i32, &'static str> {
        let size = self.decode(dc).ok_or("invalid Huffman code")?;
        if size > 15 {
            return Err("a DC difference of more than 15 bits");
        }
        let diff = extend(self.bits(u32::from(size)), size);
        let mut k = 1;
        while k < 64 {
            let entry = ac.skip[self.peek(LOOKUP) as usize];
            let advance = usize::from((entry >> 4) & 63);
            // The whole chain while it stays inside the block.
            if entry != 0 && k + advance < 64 {
                self.consume(u32::from(entry & 15));
                k += advance;
                if entry & Skip::END != 0 {
                    break;
                }
                continue;
            }
            let rs = self.decode(ac).ok_or("invalid Huffman code")?;
            let (run, size) = (rs >> 4, rs & 15);
            if size == 0 {
                if run != 15 {
                    break;
                }
                k += 16;
            } else {
                self.consume_checked(u32::from(size));
                k += usize::from(run) + 1;
            }
        }
        if k > 64 {
            return Err("coefficients past the end of a block");
        }
        Ok(diff)
    }
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
