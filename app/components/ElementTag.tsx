import type { ElementId } from "~/core/domain";

export function ElementTag({ id, name }: { id: ElementId; name: string }) {
  return <span className={`tag el-${id}${id === "stroefheid" ? " negative" : ""}`}>{name}</span>;
}
