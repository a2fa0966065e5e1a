# Reads a calendar with Ruby's icalendar gem and prints, for every VEVENT and VTODO with a
# DTSTART, "UID<TAB>UTC seconds" as the gem resolves it through the calendar's VTIMEZONEs.
# usage: ruby check_ruby.rb CALENDAR.ics   (run with TZ=UTC: the gem reads local times
# inside VTIMEZONEs in the process's zone)
require 'stringio'
require 'icalendar'

calendar = Icalendar::Calendar.parse(File.read(ARGV[0], encoding: 'UTF-8')).first
(calendar.events + calendar.todos).each do |component|
  next if component.dtstart.nil?
  puts "#{component.uid}\t#{component.dtstart.to_time.to_i}"
end
