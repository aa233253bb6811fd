fn main() {
    println!("no expr benchmark yet");
}
