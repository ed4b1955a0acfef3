import type { Placed } from './place-texts.js';

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
}

/** The neuron's synapses: the lines that end at the centre of its circle, the grouped one too. */
export function findSynapses(svg: string): Segment[] {
  const [, cx, cy] = svg.match(/<circle cx="([\d.]+)" cy="([\d.]+)" r="112"/) ?? [];
  const lines = [...svg.matchAll(/<line ([^>]*)\/>/g)].map(([, attributes = '']) => {
    const read = (name: string) => Number(attributes.match(new RegExp(`${name}="([\\d.]+)"`))?.[1]);
    return { x1: read('x1'), y1: read('y1'), x2: read('x2'), y2: read('y2'), width: read('stroke-width') };
  });
  return lines.filter((line) => line.x2 === Number(cx) && line.y2 === Number(cy));
}

/** Whether the stroke of `line` (as a band of its width) meets `box`: the segment clipped to the box grown by half that width. */
export function crosses(line: Segment, { x, y, width, height }: Placed['box']): boolean {
  const half = line.width / 2;
  const dx = line.x2 - line.x1;
  const dy = line.y2 - line.y1;
  let enter = 0;
  let leave = 1;
  const sides: [number, number][] = [
    [-dx, line.x1 - (x - half)],
    [dx, x + width + half - line.x1],
    [-dy, line.y1 - (y - half)],
    [dy, y + height + half - line.y1],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return false;
    } else if (p < 0) enter = Math.max(enter, q / p);
    else leave = Math.min(leave, q / p);
  }
  return enter <= leave;
}
