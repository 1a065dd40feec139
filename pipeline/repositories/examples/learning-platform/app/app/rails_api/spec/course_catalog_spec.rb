require "course_catalog"

RSpec.describe CourseCatalog, :database do
  subject(:catalog) { described_class.new(@db) }

  it "finds the courses table rails db:schema:load created" do
    columns = @db.exec("SELECT column_name, is_nullable FROM information_schema.columns " \
                       "WHERE table_name = 'courses' ORDER BY ordinal_position").values
    expect(columns).to eq([%w[id NO], %w[title NO]])
  end

  it "round-trips a course through PostgreSQL" do
    id = catalog.add("Cálculo diferencial")
    expect(id).to be > 0
    expect(catalog.title_of(id)).to eq("Cálculo diferencial")
  end

  it "answers nil for a course that does not exist" do
    expect(catalog.title_of(-1)).to be_nil
  end

  it "refuses a course without a title" do
    expect { catalog.add(nil) }.to raise_error(PG::NotNullViolation)
  end

  it "keeps rows in a table created by the spec" do
    @db.exec("CREATE TEMPORARY TABLE lessons (course_id bigint NOT NULL, position int NOT NULL)")
    @db.exec_params("INSERT INTO lessons VALUES ($1, $2), ($1, $3)", [catalog.add("Física"), 1, 2])
    expect(@db.exec("SELECT count(*) FROM lessons").getvalue(0, 0)).to eq("2")
  end
end
