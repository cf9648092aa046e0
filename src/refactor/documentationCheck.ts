// "Document" must only add comments. This checks that every line of the original is still in the proposal,
// unchanged (apart from indentation) and in order, and names the first one that is not.

export function firstChangedLine(original: string, proposal: string): string | undefined {
    const proposed = proposal.split(/\r\n|\r|\n/).map((line) => line.trim());
    let next = 0;
    for (const line of original.split(/\r\n|\r|\n/)) {
        const wanted = line.trim();
        if (wanted === "") continue;
        while (next < proposed.length && proposed[next] !== wanted) next++;
        if (next === proposed.length) return wanted;
        next++;
    }
    return undefined;
}
