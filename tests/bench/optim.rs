fn main() {
    println!("no optim benchmark yet");
}
