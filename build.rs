//! Rebuilds plainsite when the default theme or the starter site changes: both are
//! embedded in the binary (for `plainsite new`), and the include_dir macro cannot tell
//! cargo about files added to those folders.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src/cmd/starter");
}
