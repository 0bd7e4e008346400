//! Pictures by file name: the ones shipped in the binary (ui/images), decoded once.

use std::cell::RefCell;
use std::collections::HashMap;

use slint::Image;

thread_local! {
    // Slint images are cheap to clone (shared); decode each SVG once per thread.
    static CACHE: RefCell<HashMap<String, Image>> = RefCell::new(HashMap::new());
}

thread_local! {
    // Media of imported forms, by "form_id/name": registered when a session of that form opens.
    static FORM_MEDIA: RefCell<HashMap<String, Image>> = RefCell::new(HashMap::new());
}

fn decode(name: &str, bytes: &[u8]) -> Option<Image> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".svg") {
        Image::load_from_svg_data(bytes).ok()
    } else if lower.ends_with(".png") {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().ok()?;
        let mut buf = vec![0; reader.output_buffer_size()?];
        let info = reader.next_frame(&mut buf).ok()?;
        let (w, h) = (info.width, info.height);
        let rgba: Vec<u8> = match info.color_type {
            png::ColorType::Rgba if info.bit_depth == png::BitDepth::Eight => buf[..info.buffer_size()].to_vec(),
            png::ColorType::Rgb if info.bit_depth == png::BitDepth::Eight => {
                buf[..info.buffer_size()].chunks(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect()
            }
            _ => return None,
        };
        let pixels = slint::SharedPixelBuffer::<slint::Rgba8Pixel>::clone_from_slice(&rgba, w, h);
        Some(Image::from_rgba8(pixels))
    } else {
        None
    }
}

/// Makes an imported form's pictures available to child mode (decoded once).
pub fn register_form_media(form_id: &str, media: &[(String, Vec<u8>)]) {
    FORM_MEDIA.with(|m| {
        let mut m = m.borrow_mut();
        for (name, bytes) in media {
            if let Some(img) = decode(name, bytes) {
                m.insert(format!("{form_id}/{name}"), img);
            }
        }
    });
}

/// The picture a form names: the form's own media first, then the pictures Cercle ships.
pub fn picture_for(form_id: &str, name: &str) -> Option<Image> {
    FORM_MEDIA.with(|m| m.borrow().get(&format!("{form_id}/{name}")).cloned()).or_else(|| picture(name))
}

/// A picture Cercle ships, if it has it.
pub fn picture(name: &str) -> Option<Image> {
    if let Some(img) = CACHE.with(|c| c.borrow().get(name).cloned()) {
        return Some(img);
    }
    let bytes = crate::form::builtin_picture(name)?;
    let image = decode(name, bytes)?;
    CACHE.with(|c| c.borrow_mut().insert(name.to_string(), image.clone()));
    Some(image)
}
