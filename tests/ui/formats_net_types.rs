use access_key_schema::Validate;

#[derive(Validate)]
struct Bad {
    #[validate(hostname)]
    port: u16,
    #[validate(ipv6)]
    address: Option<u128>,
    #[validate(url)]
    links: Vec<String>,
}

fn main() {}
