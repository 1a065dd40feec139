require "pg"

# The course catalogue in PostgreSQL: the courses table of db/structure.sql.
class CourseCatalog
  def initialize(connection)
    @connection = connection
  end

  # Adds a course and returns its id.
  def add(title)
    @connection.exec_params("INSERT INTO courses (title) VALUES ($1) RETURNING id", [title])
               .getvalue(0, 0).to_i
  end

  # The course's title, nil when there is no such course.
  def title_of(id)
    rows = @connection.exec_params("SELECT title FROM courses WHERE id = $1", [id])
    rows.ntuples.zero? ? nil : rows.getvalue(0, 0)
  end
end
