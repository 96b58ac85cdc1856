-- The three groups of OpenML's user database (openml/OpenML data/sql/groups.sql): 1 admin,
-- 2 members (every new account), 3 read-only. openml-legacy.sql has the structure only; this
-- seeds a fresh database (`init-db --legacy`, docker-compose.local.yml). Ids are given, so the
-- AUTO_INCREMENT ids of users_groups are unaffected.
INSERT INTO `groups` (`id`, `name`, `description`) VALUES
    (1, 'admin', 'Administrator'),
    (2, 'members', 'General User'),
    (3, 'readonly', 'Read-only user');
