//! A small dictionary of distinct byte strings, tuned for survey columns: few distinct, short
//! values looked up once per cell. Open addressing whose slots hold each key's fingerprint, so
//! a value of up to 16 bytes is found by comparing two words; keys live in one arena so a
//! column's dictionary is a handful of allocations.

const MUL: u64 = 0x9E37_79B9_7F4A_7C15;

#[inline]
fn load_u64(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 8 {
        u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
    } else if n >= 4 {
        // Two overlapping four-byte loads: the overlap holds the same bytes, so OR-ing them
        // gives exactly the little-endian value of the n bytes.
        let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
        let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]) as u64;
        lo | (hi << ((n - 4) * 8))
    } else if n > 0 {
        // Bytes 0, n/2 and n-1 cover every byte of a one- to three-byte slice.
        u64::from(b[0]) | u64::from(b[n / 2]) << (n / 2 * 8) | u64::from(b[n - 1]) << ((n - 1) * 8)
    } else {
        0
    }
}

/// A slice's first and last eight bytes (zero-padded) and its length. For slices of up to 16
/// bytes the fingerprint determines the bytes, so equal fingerprints mean equal keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Fingerprint {
    head: u64,
    tail: u64,
    len: u32,
}

impl Fingerprint {
    /// Equality without early exits, which mispredict on keys of mixed lengths.
    #[inline(always)]
    fn same(&self, other: &Fingerprint) -> bool {
        ((self.head ^ other.head) | (self.tail ^ other.tail) | u64::from(self.len ^ other.len)) == 0
    }
}

#[inline]
fn fingerprint(v: &[u8]) -> Fingerprint {
    let n = v.len();
    let head = load_u64(v);
    let tail = if n > 8 { load_u64(&v[n - 8..]) } else { 0 };
    Fingerprint {
        head,
        tail,
        len: n as u32,
    }
}

/// Multiplicative hashing: the table index is the product's top bits, which depend on every
/// bit of the fingerprint.
#[inline]
fn hash_of(f: &Fingerprint) -> u64 {
    (f.head ^ f.tail.rotate_left(29) ^ (u64::from(f.len) << 57)).wrapping_mul(MUL)
}

/// One table slot: the key's fingerprint beside its index, so a lookup of a short value
/// touches one slot and no key bytes.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: Fingerprint,
    /// Index + 1; 0 marks an empty slot.
    entry: u32,
}

/// Distinct byte strings with dense indices in insertion order.
#[derive(Debug, Clone, Default)]
pub struct ByteDict {
    slots: Vec<Slot>,
    /// 64 minus log2 of the number of slots.
    shift: u32,
    spans: Vec<(u32, u32)>,
    arena: Vec<u8>,
}

impl ByteDict {
    /// Number of distinct keys.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when no key was inserted.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Total bytes of all keys.
    pub fn key_bytes(&self) -> usize {
        self.arena.len()
    }

    /// The key with index `i`.
    pub fn key(&self, i: usize) -> &[u8] {
        let (a, b) = self.spans[i];
        &self.arena[a as usize..b as usize]
    }

    /// Index of `value`, if present.
    #[inline]
    pub fn get(&self, value: &[u8]) -> Option<u32> {
        self.find(fingerprint(value), value)
    }

    /// Index of the non-empty `src[a..b]`, if present. Same as `get(&src[a..b])`, but reads the
    /// fingerprint with two unconditional loads from the surrounding buffer where it has room,
    /// so a column whose values differ in length costs no mispredicted branches.
    #[inline]
    pub fn get_in(&self, src: &[u8], a: usize, b: usize) -> Option<u32> {
        let n = b - a;
        let f = if n != 0 && a + 8 <= src.len() && b >= 8 {
            let word = |at: usize| u64::from_le_bytes(src[at..at + 8].try_into().unwrap());
            Fingerprint {
                head: word(a) & (u64::MAX >> (64 - 8 * n.min(8))),
                // All ones when n > 8, else zero, without a branch.
                tail: word(b - 8) & ((8 - n as i64) >> 63) as u64,
                len: n as u32,
            }
        } else {
            fingerprint(&src[a..b])
        };
        self.find(f, &src[a..b])
    }

    #[inline(always)]
    fn find(&self, f: Fingerprint, value: &[u8]) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (hash_of(&f) >> self.shift) as usize;
        loop {
            let slot = &self.slots[i];
            if slot.entry == 0 {
                return None;
            }
            if slot.key.same(&f) && (value.len() <= 16 || self.long_key_is(slot.entry, value)) {
                return Some(slot.entry - 1);
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether the key of slot entry `entry` (index + 1) is `value`, a value longer than 16
    /// bytes with the same fingerprint, so its length is right. Compares eight bytes at a time.
    #[inline]
    fn long_key_is(&self, entry: u32, value: &[u8]) -> bool {
        let key = self.key(entry as usize - 1);
        let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap());
        let n = value.len().min(key.len());
        let mut at = 0;
        while at + 8 <= n {
            if word(key, at) != word(value, at) {
                return false;
            }
            at += 8;
        }
        // The last eight bytes are part of the fingerprint, so they match already.
        key.len() == value.len()
    }

    /// Inserts a key known to be absent; returns its index.
    pub fn insert(&mut self, value: &[u8]) -> u32 {
        // At most a quarter full: a lookup that has to probe past its first slot is a
        // mispredicted branch, and at half full one in seven lookups did.
        if (self.spans.len() + 1) * 4 > self.slots.len() {
            self.grow();
        }
        let idx = self.spans.len() as u32;
        let start = self.arena.len() as u32;
        self.arena.extend_from_slice(value);
        self.spans.push((start, self.arena.len() as u32));
        self.place(fingerprint(value), idx);
        idx
    }

    fn place(&mut self, key: Fingerprint, idx: u32) {
        let mask = self.slots.len() - 1;
        let mut i = (hash_of(&key) >> self.shift) as usize;
        while self.slots[i].entry != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot {
            key,
            entry: idx + 1,
        };
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(32);
        self.slots = vec![Slot::default(); size];
        self.shift = 64 - size.trailing_zeros();
        for idx in 0..self.spans.len() {
            let key = fingerprint(self.key(idx));
            self.place(key, idx as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_inserted_and_nothing_else() {
        let mut d = ByteDict::default();
        let words: Vec<Vec<u8>> = (0..500)
            .map(|i| format!("værdi nummer {i}").into_bytes())
            .collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(d.get(w), None);
            assert_eq!(d.insert(w), i as u32);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(d.get(w), Some(i as u32));
            assert_eq!(d.key(i), &w[..]);
        }
        assert_eq!(d.get("værdi nummer 500".as_bytes()), None);
        assert_eq!(d.get(b""), None);
        // Long keys with the same first and last eight bytes and length differ in the middle.
        let a = d.insert(b"Meget tilfreds XXXX med sagen");
        let b = d.insert(b"Meget tilfreds YYYY med sagen");
        assert_eq!(d.get(b"Meget tilfreds XXXX med sagen"), Some(a));
        assert_eq!(d.get(b"Meget tilfreds YYYY med sagen"), Some(b));
        assert_eq!(d.get(b"Meget tilfreds ZZZZ med sagen"), None);
        // Short keys that differ only in trailing zero bytes are different keys.
        let z1 = d.insert(b"ab");
        let z2 = d.insert(b"ab\0");
        assert_eq!((d.get(b"ab"), d.get(b"ab\0")), (Some(z1), Some(z2)));
        let e = d.insert(b"");
        assert_eq!(d.get(b""), Some(e));
    }

    #[test]
    fn get_in_finds_what_get_finds() {
        let mut d = ByteDict::default();
        let text = b"x;Tilfreds;5;Meget tilfreds;Hverken tilfreds eller utilfreds;ab;ab\0;a;;";
        let fields: Vec<(usize, usize)> = {
            let mut start = 0;
            let mut out = vec![];
            for (i, &c) in text.iter().enumerate() {
                if c == b';' {
                    out.push((start, i));
                    start = i + 1;
                }
            }
            out
        };
        for &(a, b) in &fields[..fields.len() / 2] {
            if d.get(&text[a..b]).is_none() {
                d.insert(&text[a..b]);
            }
        }
        for &(a, b) in &fields {
            if a == b {
                continue;
            }
            assert_eq!(d.get_in(text, a, b), d.get(&text[a..b]), "{a}..{b}");
            // The same value at the very start and end of a buffer.
            let alone = &text[a..b];
            assert_eq!(d.get_in(alone, 0, alone.len()), d.get(alone));
        }
    }
}
