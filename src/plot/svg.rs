//! Finishing an SVG export: plotters writes the vector parts; the landscape
//! bitmaps go in as `<image>` elements just above the background (so the
//! overlay is drawn over them), and the picture gets its size in CSS pixels
//! while its drawing keeps the resolution it was drawn at.

/// A bitmap to place: its `data:` URL and left, top, width, height in the
/// SVG's drawing units.
pub type Image = (String, (i32, i32, u32, u32));

/// `svg` (as plotters' SVG backend writes it) with `images` placed after its
/// first element (the background) and its displayed size set to `css` pixels
/// (the view box is kept, so a picture drawn at twice the size stays sharp).
pub fn finish(svg: &str, images: &[Image], css: (u32, u32)) -> String {
    let mut out = svg.to_string();
    if let Some(open) = out.find("<svg") {
        let end = out[open..].find('>').map(|e| open + e).unwrap_or(open);
        let tag = &out[open..end];
        let sized = set_attr(
            &set_attr(tag, "width", &css.0.to_string()),
            "height",
            &css.1.to_string(),
        );
        out.replace_range(open..end, &sized);
    }
    let tags: String = images
        .iter()
        .map(|(href, (x, y, w, h))| {
            format!(
                "<image x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" preserveAspectRatio=\"none\" href=\"{}\"/>\n",
                escape(href)
            )
        })
        .collect();
    // After the background rectangle (the first element after the opening tag).
    let at = out
        .find("<svg")
        .and_then(|o| out[o..].find('>').map(|e| o + e + 1))
        .map(|after_open| {
            out[after_open..]
                .find("/>")
                .map(|e| after_open + e + 2)
                .unwrap_or(after_open)
        })
        .unwrap_or(0);
    out.insert_str(at, &format!("\n{tags}"));
    out
}

/// `tag` with attribute `name` set to `value` (added if missing).
fn set_attr(tag: &str, name: &str, value: &str) -> String {
    let key = format!(" {name}=\"");
    match tag.find(&key) {
        Some(i) => {
            let start = i + key.len();
            let end = tag[start..].find('"').map(|e| start + e).unwrap_or(start);
            format!("{}{}{}", &tag[..start], value, &tag[end..])
        }
        None => format!("{tag}{key}{value}\""),
    }
}

/// Text safe inside a double-quoted attribute.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_go_above_the_background_and_the_size_is_set() {
        let svg = "<svg width=\"200\" height=\"100\" viewBox=\"0 0 200 100\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect x=\"0\" y=\"0\" width=\"200\" height=\"100\" fill=\"#FFFFFF\"/>\n<polyline points=\"0,0 1,1\"/>\n</svg>\n";
        let out = finish(
            svg,
            &[("data:image/png;base64,AAAA".into(), (10, 20, 30, 40))],
            (100, 50),
        );
        assert!(out.starts_with("<svg width=\"100\" height=\"50\" viewBox=\"0 0 200 100\""));
        let (rect, image, line) = (
            out.find("<rect").unwrap(),
            out.find("<image").unwrap(),
            out.find("<polyline").unwrap(),
        );
        assert!(rect < image && image < line, "{out}");
        assert!(out.contains("x=\"10\" y=\"20\" width=\"30\" height=\"40\""));
    }
}
