use access_key_schema::Validate;

// A foreign type is already its rule's language: a string or number rule on
// it is an error at the rule.
#[derive(Validate)]
struct Bad {
    #[validate(uuid)]
    id: uuid::Uuid,
    #[validate(length(max = 30))]
    created: chrono::DateTime<chrono::Utc>,
    #[validate(range(min = 1))]
    seen: Option<jiff::Timestamp>,
    #[validate(prefix = "2024")]
    starts: time::OffsetDateTime,
}

fn main() {}
