//! Participant codes: random, short enough to read aloud and type back (for withdrawal),
//! and derived from nothing about the child (C1).

use rand::Rng;

/// No 0/O, 1/I/L, 5/S, 2/Z, 8/B: letters a facilitator could misread on a tablet or a paper slip.
const ALPHABET: &[u8] = b"34679ACDEFGHJKMNPQRTUVWXY";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantCode(String);

impl ParticipantCode {
    /// Six symbols from a 25-symbol alphabet (about 2.4e8 codes) as `XXX-XXX`.
    pub fn random(rng: &mut impl Rng) -> ParticipantCode {
        let mut s = String::with_capacity(7);
        for i in 0..6 {
            if i == 3 {
                s.push('-');
            }
            s.push(ALPHABET[rng.random_range(0..ALPHABET.len())] as char);
        }
        ParticipantCode(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Normalises what a facilitator typed (case, spaces, a missing dash) into a code.
    pub fn parse(typed: &str) -> Option<ParticipantCode> {
        let clean: String =
            typed.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
        (clean.len() == 6 && clean.bytes().all(|b| ALPHABET.contains(&b)))
            .then(|| ParticipantCode(format!("{}-{}", &clean[..3], &clean[3..])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn codes_are_readable_and_parse_back() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for _ in 0..1000 {
            let code = ParticipantCode::random(&mut rng);
            assert_eq!(code.as_str().len(), 7);
            assert_eq!(ParticipantCode::parse(&code.as_str().to_lowercase().replace('-', " ")), Some(code));
        }
        assert_eq!(ParticipantCode::parse("ABC-10O"), None, "ambiguous symbols are not codes");
    }
}
