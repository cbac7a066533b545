//! Regenerates the committed `examples/` folder from the same fixture builders the tests
//! use: `cargo test --test examples -- --ignored`.

mod common;

use std::path::Path;

#[test]
#[ignore = "writes into examples/; run by hand to regenerate them"]
fn regenerate_examples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for city in ["沈阳市", "鞍山市"] {
        let _ = std::fs::remove_dir_all(root.join(city));
    }
    common::write_examples(&root);
}
