use access_key_schema::Validate;

// An address type is already its format: a string rule on it is an error.
#[derive(Validate)]
struct Bad {
    #[validate(ipv6)]
    address: std::net::Ipv6Addr,
    #[validate(length(max = 15))]
    gateway: Option<std::net::Ipv4Addr>,
}

fn main() {}
