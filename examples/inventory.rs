// A small Rust program for debugging: enums with data, traits with dyn (through a reference and a Box),
// String/Vec/HashMap, closures, smart pointers and a panic (run it with the argument "panic"). The BP_* markers name
// lines the tests break on.
use std::collections::{HashSet, VecDeque};
use std::rc::Rc;
use std::sync::Arc;

mod inventory {
    use std::collections::HashMap;

    #[derive(Debug, Clone, PartialEq)]
    pub enum Kind {
        Tool,
        Food { calories: u32 },
        Gadget(String, u8),
    }

    pub trait Priced {
        fn price(&self) -> u32;
        fn label(&self) -> String;
    }

    pub struct Item {
        pub name: String,
        pub kind: Kind,
        pub cents: u32,
    }

    impl Priced for Item {
        fn price(&self) -> u32 {
            let base = self.cents;
            let extra = match &self.kind {
                Kind::Tool => 0,
                Kind::Food { calories } => calories / 100,
                Kind::Gadget(_, level) => *level as u32 * 10,
            };
            base + extra /* BP_PRICE */
        }

        fn label(&self) -> String {
            format!("{} ({:?})", self.name, self.kind)
        }
    }

    pub struct Inventory {
        pub owner: String,
        pub items: Vec<Item>,
        pub counts: HashMap<String, u32>,
    }

    impl Inventory {
        pub fn new(owner: &str) -> Inventory {
            Inventory { owner: owner.to_string(), items: Vec::new(), counts: HashMap::new() }
        }

        pub fn add(&mut self, item: Item) {
            let count = self.counts.entry(item.name.clone()).or_insert(0);
            *count += 1;
            self.items.push(item); /* BP_ADD */
        }

        pub fn total(&self) -> u32 {
            self.items.iter().map(|i| i.price()).sum()
        }
    }
}

mod util {
    pub fn join(parts: &[&str], sep: &str) -> String {
        let mut out = String::new();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(part);
        }
        out /* BP_JOIN */
    }
}

use inventory::{Inventory, Item, Kind, Priced};

fn describe(p: &dyn Priced) -> String {
    let label = p.label();
    let price = p.price();
    format!("{} costs {}", label, price) /* BP_DESCRIBE */
}

fn main() {
    let mut inv = Inventory::new("ada");
    inv.add(Item { name: String::from("hammer"), kind: Kind::Tool, cents: 1250 });
    inv.add(Item { name: String::from("apple"), kind: Kind::Food { calories: 95 }, cents: 40 });
    inv.add(Item { name: String::from("radio"), kind: Kind::Gadget(String::from("fm"), 3), cents: 2999 });

    let text: &str = "hello";
    let numbers: Vec<u32> = vec![10, 20, 30, 40];
    let slice: &[u32] = &numbers[1..3];
    let maybe: Option<u32> = Some(7);
    let nothing: Option<u32> = None;
    let parsed: Result<i32, String> = "42".parse::<i32>().map_err(|e| e.to_string());
    let failed: Result<i32, String> = "x".parse::<i32>().map_err(|e| e.to_string());
    let boxed: Box<u64> = Box::new(99);
    let shared: Rc<String> = Rc::new(String::from("rc"));
    let atomic: Arc<Vec<i32>> = Arc::new(vec![-1, -2]);
    let mut queue: VecDeque<i32> = VecDeque::new();
    queue.push_back(2);
    queue.push_back(3);
    queue.push_front(1);
    let mut seen: HashSet<u32> = HashSet::new();
    seen.insert(5);
    let kind = Kind::Gadget(String::from("tv"), 9);
    let priced: &dyn Priced = &inv.items[0];
    let owned: Box<dyn Priced> =
        Box::new(Item { name: String::from("lamp"), kind: Kind::Food { calories: 250 }, cents: 700 });
    let scale = 3;
    let scaled: Vec<u32> = numbers.iter().map(|n| n * scale).collect();
    let joined = util::join(&["a", "b", "c"], "-");
    let total = inv.total();
    let line = describe(priced); /* BP_MAIN */
    println!("{} {} {} {} {}", inv.owner, line, joined, total, scaled.len());
    println!("{} {:?} {:?} {:?} {:?} {:?}", text, slice, maybe, nothing, parsed, failed);
    println!("{} {} {:?} {:?} {:?} {:?} {:?}", boxed, shared, atomic, queue, seen, kind, inv.counts);
    println!("{} {}", owned.label(), owned.price());
    if std::env::args().any(|a| a == "panic") {
        let index = numbers.len() + scale as usize;
        println!("{}", numbers[index]); /* BP_PANIC */
    }
}
