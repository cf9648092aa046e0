// Source code the synthetic tokenizer learns its merges from, so that common code
// fragments (indentation, keywords, punctuation runs) become single tokens.
export const CODE_CORPUS = String.raw`import { readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
export interface Options {
    name: string;
    count: number;
    enabled?: boolean;
}
export function add(a: number, b: number): number {
    return a + b;
}
export async function loadConfig(file: string): Promise<Options> {
    const text = await readFile(file, "utf8");
    const value = JSON.parse(text) as Options;
    if (value.count === undefined) {
        throw new Error("missing count in " + file);
    }
    return value;
}
export class Counter {
    private count = 0;
    constructor(private readonly name: string) {}
    increment(): number {
        this.count += 1;
        return this.count;
    }
    toString(): string {
        return this.name + ": " + String(this.count);
    }
}
function fibonacci(n) {
    if (n < 2) {
        return n;
    }
    return fibonacci(n - 1) + fibonacci(n - 2);
}
const items = [1, 2, 3, 4, 5];
const doubled = items.map((item) => item * 2);
const total = items.reduce((sum, item) => sum + item, 0);
for (let i = 0; i < items.length; i++) {
    console.log(items[i]);
}
let result = null;
while (result === null) {
    result = await fetchNext();
}
export default function main() {
    const counter = new Counter("main");
    for (const item of items) {
        counter.increment();
    }
    return counter.toString();
}
def fibonacci(n):
    if n < 2:
        return n
    return fibonacci(n - 1) + fibonacci(n - 2)

class Stack:
    def __init__(self):
        self.items = []

    def push(self, item):
        self.items.append(item)

    def pop(self):
        return self.items.pop()

def main():
    stack = Stack()
    for i in range(10):
        stack.push(i)
    print(stack.pop())

if __name__ == "__main__":
    main()
#include <stdio.h>
int add(int a, int b) {
    return a + b;
}
int main(void) {
    for (int i = 0; i < 10; i++) {
        printf("%d\n", add(i, i));
    }
    return 0;
}
fn add(a: i32, b: i32) -> i32 {
    a + b
}
pub fn main() {
    let items = vec![1, 2, 3];
    for item in items.iter() {
        println!("{}", item);
    }
}
func add(a int, b int) int {
	return a + b
}
`;
