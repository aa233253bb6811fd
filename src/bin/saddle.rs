fn main() {
    eprintln!("saddle: the command line is not written yet");
    std::process::exit(2);
}
