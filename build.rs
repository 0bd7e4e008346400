//! Compiles the Slint UI and embeds every picture in ui/images, so that forms can name
//! pictures at run time and the binary needs no files beside it.

use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=ui/images");
    let mut table = String::from(
        "/// Pictures shipped in the binary: (file name, bytes).\npub static IMAGES: &[(&str, &[u8])] = &[\n",
    );
    let dir = std::path::Path::new("ui/images");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("ui/images exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".svg") || n.ends_with(".png"))
        .collect();
    names.sort();
    for name in names {
        let path = std::fs::canonicalize(dir.join(&name)).expect("image path");
        writeln!(table, "    ({name:?}, include_bytes!({:?})),", path.display().to_string()).unwrap();
    }
    table.push_str("];\n");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("images.rs");
    std::fs::write(out, table).unwrap();

    #[cfg(feature = "ui")]
    slint_build::compile_with_config(
        "ui/app.slint",
        slint_build::CompilerConfiguration::new().with_style("fluent".into()).with_debug_info(true),
    )
    .expect("the Slint UI compiles");
}
