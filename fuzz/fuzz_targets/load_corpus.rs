//! Any bytes given to the corpus loader must come back as a corpus or errors, never a panic,
//! and every claim line must be accounted for; reconciling what loads must not panic either.
#![no_main]

use claimrecon::{Corpus, Parser};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = Corpus::parse_bytes("fuzz.jsonl", data, &Parser::default());
    let corpus = Corpus::parse_lenient_bytes("fuzz.jsonl", data, &Parser::default());
    let reconciliation = corpus.reconcile();
    let grouped: usize = reconciliation.groups.iter().map(|g| g.claims.len()).sum();
    assert_eq!(grouped + reconciliation.rejected.len(), corpus.claims.len() + corpus.rejected.len());
    let _ = claimrecon::text(&reconciliation);
});
