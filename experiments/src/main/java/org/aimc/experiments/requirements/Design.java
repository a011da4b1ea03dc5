package org.aimc.experiments.requirements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points of a requirements study. A point is the configuration with some parameters moved;
 * a parameter left at the configuration's value is not an override, so a point is named by its
 * moves alone and the same specification is the same point (and the same runs) in every phase: the
 * screening's ends are also the joint search's axis points, and the preset is the point without
 * moves.
 */
public final class Design {
  private Design() {}

  /** One parameter at one value. */
  public record Move(Parameter parameter, String value) {}

  /** A specification: the configuration with these moves (parameters at their own value left out), in the spec's order. */
  public record Point(List<Move> moves) {
    public Point {
      moves = moves.stream().filter(m -> !m.parameter().isBase(m.value())).toList();
    }

    public static final Point PRESET = new Point(List.of());

    public List<String> overrides() {
      List<String> o = new ArrayList<>();
      for (Move m : moves) o.addAll(m.parameter().overrides(m.value()));
      return o;
    }

    /** "preset", or "stuckFraction=0+gAtInit=8" (characters unsafe in a folder name replaced). */
    public String folderName() {
      if (moves.isEmpty()) return "preset";
      return String.join("+", moves.stream().map(m -> m.parameter().name() + "=" + m.value()).toList()).replaceAll("[^A-Za-z0-9._=+-]", "_");
    }

    /** "preset", or "stuckFraction=0, gAtInit=8". */
    public String label() {
      if (moves.isEmpty()) return "preset";
      return String.join(", ", moves.stream().map(m -> m.parameter().name() + "=" + m.value()).toList());
    }

    /** The value of {@code p} at this point (the configuration's if not moved). */
    public String value(Parameter p) {
      return moves.stream().filter(m -> m.parameter().equals(p)).map(Move::value).findFirst().orElse(p.base());
    }

    /** Sum of the parameters' moves in units of their ranges ({@link Parameter#move}): how demanding the specification is. */
    public double distance() {
      return moves.stream().mapToDouble(m -> m.parameter().move(m.value())).sum();
    }
  }

  /** One end of one parameter's range in the screening. */
  public record End(Parameter parameter, String end, String value, Point point) {}

  /** Every parameter to its low end, then to its high end, one at a time, in the spec's order. */
  public static List<End> screening(List<Parameter> parameters) {
    List<End> ends = new ArrayList<>();
    for (Parameter p : parameters) {
      ends.add(new End(p, "low", p.low(), new Point(List.of(new Move(p, p.low())))));
      ends.add(new End(p, "high", p.high(), new Point(List.of(new Move(p, p.high())))));
    }
    return ends;
  }

  /** Every combination of the parameters' {@link Parameter#levels levels}, the first varying slowest. */
  public static List<Point> factorial(List<Parameter> parameters) {
    List<List<Move>> combos = new ArrayList<>(List.of(List.of()));
    for (Parameter p : parameters) {
      List<List<Move>> next = new ArrayList<>();
      for (List<Move> c : combos) {
        for (String level : p.levels()) {
          List<Move> m = new ArrayList<>(c);
          m.add(new Move(p, level));
          next.add(m);
        }
      }
      combos = next;
    }
    return combos.stream().map(Point::new).toList();
  }

  /** The points without repeats (by folder name), in first-seen order. */
  public static List<Point> distinct(List<Point> points) {
    Map<String, Point> m = new LinkedHashMap<>();
    for (Point p : points) m.putIfAbsent(p.folderName(), p);
    return List.copyOf(m.values());
  }
}
