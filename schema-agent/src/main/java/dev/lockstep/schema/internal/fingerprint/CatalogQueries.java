package dev.lockstep.schema.internal.fingerprint;

import java.util.List;

/**
 * The catalog queries behind a fingerprint. Each returns (kind, identity, definition) for the
 * objects of the schemas bound to its single {@code text[]} parameter.
 *
 * <p>They run with {@code search_path = pg_catalog}, so every {@code pg_get_*def} and
 * {@code format_type} result is schema-qualified and independent of the caller's path. Objects that
 * belong to an extension are left out (the extension itself is an entry). Owners, privileges, OIDs
 * and statistics are never read: they differ between machines without the schema differing.
 */
final class CatalogQueries {

  private CatalogQueries() {}

  private static String notExtensionMember(String catalog, String oid) {
    return " AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '" + catalog
        + "'::regclass AND dep.objid = " + oid + " AND dep.deptype = 'e')";
  }

  private static String comment(String expr) {
    return " || coalesce(' comment=' || " + expr + ", '')";
  }

  static final String SCHEMAS = "SELECT 'schema', n.nspname, ''"
      + comment("obj_description(n.oid, 'pg_namespace')")
      + " FROM pg_namespace n WHERE n.nspname = ANY(?)";

  static final String RELATIONS = "SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table'"
      + " WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table'"
      + " ELSE 'composite type' END,"
      + " n.nspname || '.' || c.relname,"
      + " 'kind=' || c.relkind::text || ' persistence=' || c.relpersistence::text"
      + " || ' rls=' || c.relrowsecurity || ' force_rls=' || c.relforcerowsecurity"
      + " || coalesce(' partition_key=' || pg_get_partkeydef(c.oid), '')"
      + " || CASE WHEN c.relkind IN ('v', 'm') THEN ' definition=' || pg_get_viewdef(c.oid, true) ELSE '' END"
      + comment("obj_description(c.oid, 'pg_class')")
      + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
      + " WHERE n.nspname = ANY(?) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')"
      + notExtensionMember("pg_class", "c.oid");

  static final String COLUMNS = "SELECT 'column', n.nspname || '.' || c.relname || '.' || a.attname,"
      + " 'position=' || row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)"
      + " || ' type=' || format_type(a.atttypid, a.atttypmod)"
      + " || ' not_null=' || a.attnotnull"
      + " || coalesce(' default=' || pg_get_expr(d.adbin, d.adrelid), '')"
      + " || CASE WHEN a.attidentity <> '' THEN ' identity=' || a.attidentity::text ELSE '' END"
      + " || CASE WHEN a.attgenerated <> '' THEN ' generated=' || a.attgenerated::text ELSE '' END"
      + " || CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation"
      + "      THEN ' collation=' || co.collname ELSE '' END"
      + comment("col_description(c.oid, a.attnum)")
      + " FROM pg_attribute a"
      + " JOIN pg_class c ON c.oid = a.attrelid"
      + " JOIN pg_namespace n ON n.oid = c.relnamespace"
      + " JOIN pg_type t ON t.oid = a.atttypid"
      + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
      + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
      + " WHERE n.nspname = ANY(?) AND a.attnum > 0 AND NOT a.attisdropped"
      + " AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')"
      + notExtensionMember("pg_class", "c.oid");

  static final String CONSTRAINTS = "SELECT 'constraint', n.nspname || '.' || c.relname || '.' || con.conname,"
      + " pg_get_constraintdef(con.oid, true)"
      + comment("obj_description(con.oid, 'pg_constraint')")
      + " FROM pg_constraint con"
      + " JOIN pg_class c ON c.oid = con.conrelid"
      + " JOIN pg_namespace n ON n.oid = c.relnamespace"
      + " WHERE n.nspname = ANY(?)"
      + notExtensionMember("pg_class", "c.oid");

  static final String DOMAIN_CONSTRAINTS = "SELECT 'domain constraint',"
      + " n.nspname || '.' || t.typname || '.' || con.conname, pg_get_constraintdef(con.oid, true)"
      + " FROM pg_constraint con"
      + " JOIN pg_type t ON t.oid = con.contypid"
      + " JOIN pg_namespace n ON n.oid = t.typnamespace"
      + " WHERE n.nspname = ANY(?)";

  static final String INDEXES = "SELECT 'index', n.nspname || '.' || ic.relname,"
      + " pg_get_indexdef(i.indexrelid)"
      + comment("obj_description(ic.oid, 'pg_class')")
      + " FROM pg_index i"
      + " JOIN pg_class ic ON ic.oid = i.indexrelid"
      + " JOIN pg_namespace n ON n.oid = ic.relnamespace"
      + " WHERE n.nspname = ANY(?)"
      + notExtensionMember("pg_class", "i.indrelid");

  static final String SEQUENCES = "SELECT 'sequence', n.nspname || '.' || c.relname,"
      + " 'type=' || format_type(s.seqtypid, NULL) || ' start=' || s.seqstart"
      + " || ' increment=' || s.seqincrement || ' min=' || s.seqmin || ' max=' || s.seqmax"
      + " || ' cache=' || s.seqcache || ' cycle=' || s.seqcycle"
      + " || coalesce(' owned_by=' || (SELECT dn.nspname || '.' || dc.relname || '.' || da.attname"
      + "      FROM pg_depend d"
      + "      JOIN pg_class dc ON dc.oid = d.refobjid"
      + "      JOIN pg_namespace dn ON dn.oid = dc.relnamespace"
      + "      JOIN pg_attribute da ON da.attrelid = d.refobjid AND da.attnum = d.refobjsubid"
      + "      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
      + "        AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1), '')"
      + comment("obj_description(c.oid, 'pg_class')")
      + " FROM pg_sequence s"
      + " JOIN pg_class c ON c.oid = s.seqrelid"
      + " JOIN pg_namespace n ON n.oid = c.relnamespace"
      + " WHERE n.nspname = ANY(?)"
      + notExtensionMember("pg_class", "c.oid");

  static final String TYPES = "SELECT CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain'"
      + " WHEN 'r' THEN 'range' ELSE 'base type' END,"
      + " n.nspname || '.' || t.typname,"
      + " CASE t.typtype"
      + "   WHEN 'e' THEN 'labels=' || coalesce((SELECT string_agg(quote_literal(e.enumlabel), ','"
      + "        ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '')"
      + "   WHEN 'd' THEN 'base=' || format_type(t.typbasetype, t.typtypmod) || ' not_null=' || t.typnotnull"
      + "        || coalesce(' default=' || t.typdefault, '')"
      + "   ELSE '' END"
      + comment("obj_description(t.oid, 'pg_type')")
      + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
      + " WHERE n.nspname = ANY(?) AND t.typtype IN ('e', 'd', 'r', 'b') AND t.typcategory <> 'A'"
      + notExtensionMember("pg_type", "t.oid");

  static final String FUNCTIONS = "SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate'"
      + " WHEN 'w' THEN 'window function' ELSE 'function' END,"
      + " n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',"
      + " 'returns=' || coalesce(pg_get_function_result(p.oid), '')"
      + " || CASE WHEN p.prokind = 'a' THEN '' ELSE ' body_md5=' || md5(pg_get_functiondef(p.oid)) END"
      + comment("obj_description(p.oid, 'pg_proc')")
      + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
      + " WHERE n.nspname = ANY(?)"
      + notExtensionMember("pg_proc", "p.oid");

  static final String TRIGGERS = "SELECT 'trigger', n.nspname || '.' || c.relname || '.' || t.tgname,"
      + " pg_get_triggerdef(t.oid, true) || ' enabled=' || t.tgenabled::text"
      + comment("obj_description(t.oid, 'pg_trigger')")
      + " FROM pg_trigger t"
      + " JOIN pg_class c ON c.oid = t.tgrelid"
      + " JOIN pg_namespace n ON n.oid = c.relnamespace"
      + " WHERE n.nspname = ANY(?) AND NOT t.tgisinternal";

  static final String POLICIES = "SELECT 'policy', n.nspname || '.' || c.relname || '.' || p.polname,"
      + " 'cmd=' || p.polcmd::text || ' permissive=' || p.polpermissive"
      + " || ' roles=' || coalesce((SELECT string_agg(r.name, ',' ORDER BY r.name) FROM"
      + "      (SELECT CASE WHEN x = 0 THEN 'public' ELSE pg_get_userbyid(x)::text END AS name"
      + "       FROM unnest(p.polroles) AS x) r), '')"
      + " || coalesce(' using=' || pg_get_expr(p.polqual, p.polrelid), '')"
      + " || coalesce(' check=' || pg_get_expr(p.polwithcheck, p.polrelid), '')"
      + " FROM pg_policy p"
      + " JOIN pg_class c ON c.oid = p.polrelid"
      + " JOIN pg_namespace n ON n.oid = c.relnamespace"
      + " WHERE n.nspname = ANY(?)";

  static final String EXTENSIONS = "SELECT 'extension', e.extname, 'schema=' || n.nspname"
      + " FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
      + " WHERE n.nspname = ANY(?)";

  static final List<String> ALL = List.of(SCHEMAS, RELATIONS, COLUMNS, CONSTRAINTS, DOMAIN_CONSTRAINTS,
      INDEXES, SEQUENCES, TYPES, FUNCTIONS, TRIGGERS, POLICIES, EXTENSIONS);
}
