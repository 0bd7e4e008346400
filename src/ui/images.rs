//! Pictures by file name: the ones shipped in the binary (ui/images), decoded once.

use std::cell::RefCell;
use std::collections::HashMap;

use slint::Image;

include!(concat!(env!("OUT_DIR"), "/images.rs"));

thread_local! {
    // Slint images are cheap to clone (shared); decode each SVG once per thread.
    static CACHE: RefCell<HashMap<String, Image>> = RefCell::new(HashMap::new());
}

/// The picture a form names, if Cercle has it.
pub fn picture(name: &str) -> Option<Image> {
    if let Some(img) = CACHE.with(|c| c.borrow().get(name).cloned()) {
        return Some(img);
    }
    let bytes = IMAGES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)?;
    let image = if name.ends_with(".svg") {
        Image::load_from_svg_data(bytes).ok()?
    } else {
        return None;
    };
    CACHE.with(|c| c.borrow_mut().insert(name.to_string(), image.clone()));
    Some(image)
}

/// Whether a picture of that name ships with Cercle.
pub fn exists(name: &str) -> bool {
    IMAGES.iter().any(|(n, _)| *n == name)
}
